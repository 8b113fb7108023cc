package io.vigil.web.ui;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.core.CurrentRequestManager;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.core.multipart.FormData;
import org.jboss.resteasy.reactive.server.multipart.FormValue;

/**
 * Every field of the current request's posted form, for forms whose fields are not known in advance (those drawn from
 * a plugin's config spec). The method must declare at least one {@code @RestForm} parameter, so the form is read.
 */
final class PostedForm {

    private PostedForm() {}

    /** The fields by name, the last value of each. */
    static Map<String, String> current() {
        Map<String, String> fields = new HashMap<>();
        ResteasyReactiveRequestContext context = CurrentRequestManager.get();
        FormData form = context == null ? null : context.getFormData();
        if (form != null) {
            for (String name : form) {
                FormValue value = form.getLast(name);
                if (value != null && !value.isFileItem()) {
                    fields.put(name, value.getValue());
                }
            }
        }
        return fields;
    }

    /** Every value of a repeated field, such as ticked checkboxes of one name. */
    static List<String> values(String name) {
        List<String> values = new ArrayList<>();
        ResteasyReactiveRequestContext context = CurrentRequestManager.get();
        FormData form = context == null ? null : context.getFormData();
        if (form != null && form.get(name) != null) {
            for (FormValue value : form.get(name)) {
                if (!value.isFileItem()) {
                    values.add(value.getValue());
                }
            }
        }
        return values;
    }
}
