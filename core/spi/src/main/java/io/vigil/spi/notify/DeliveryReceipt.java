package io.vigil.spi.notify;

/**
 * What the receiving end answered to a delivery, kept in the delivery log.
 *
 * @param statusCode a protocol status (HTTP 200, SMTP 250), or 0 when the protocol has none
 * @param response a short excerpt of the answer, for the log
 */
public record DeliveryReceipt(int statusCode, String response) {
    public DeliveryReceipt {
        response = response == null ? "" : response;
    }
}
