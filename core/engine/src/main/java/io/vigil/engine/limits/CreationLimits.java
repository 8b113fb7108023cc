package io.vigil.engine.limits;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Checks a cap in the transaction that creates the object, so it holds across every instance on one database: a
 * transaction-scoped advisory lock per limit (and owner) makes concurrent creations count one after another, each
 * seeing the ones committed before it, and the lock ends with the transaction that inserts.
 */
@ApplicationScoped
public class CreationLimits {

    @Inject
    EntityManager entityManager;

    @Inject
    LimitSettings settings;

    /**
     * Refuses when {@code limit} is reached; called inside the creating transaction, before the insert.
     *
     * @param ownerId the user who will own the new object, for a {@linkplain Limit#perUser() per-user} limit; ignored
     *     otherwise
     * @throws LimitReachedException when the cap is reached
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void admitOne(Limit limit, long ownerId) {
        int cap = limit.cap(settings);
        String lock = limit.key() + (limit.perUser() ? ":" + ownerId : "");
        entityManager
                .createNativeQuery("select 1 from (select pg_advisory_xact_lock(hashtextextended(?1, 0))) locked")
                .setParameter(1, lock)
                .getSingleResult();
        var count = entityManager.createNativeQuery(limit.countQuery());
        if (limit.perUser()) {
            count.setParameter(1, ownerId);
        }
        long held = ((Number) count.getSingleResult()).longValue();
        if (held >= cap) {
            throw new LimitReachedException(limit, cap);
        }
    }

    /** The configured caps. */
    public LimitSettings settings() {
        return settings;
    }
}
