package io.vigil.quality;

import java.util.Map;
import java.util.Set;

/** A way of matching rules against articles, measured on the labelled set. */
public interface MatchingSystem {

    /** A short name for the report. */
    String name();

    /**
     * Which items each rule matches: rule id → ids of the matched items. A rule the system cannot read matches
     * nothing and is reported in {@link #problems()}.
     */
    Map<String, Set<String>> match(LabelledSet set) throws Exception;

    /** Rules the system could not read, with why; empty when all were read. */
    Map<String, String> problems();
}
