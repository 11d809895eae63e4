package io.cerebro.agents.improve;

import java.util.List;

/**
 * One evaluated prompt of a family, as the prompt book records it.
 *
 * @param family     the family
 * @param version    its number: 0 the unamended prompt, then 1, 2, ... for each kept one; a dropped
 *                   candidate carries the number it would have had
 * @param parent     the version it amends (-1 for version 0)
 * @param amendments the amendments in force, in order
 * @param candidate  the amendment this version added to its parent (null for version 0)
 * @param passRate   the family's benchmark pass rate with this prompt
 * @param cases      the family's cases it was measured on
 * @param kept       whether it was kept (it raised the family's pass rate) or dropped
 * @param time       when it was recorded (ISO-8601 instant)
 */
public record PromptVersion(String family, int version, int parent, List<String> amendments, String candidate, double passRate,
                            int cases, boolean kept, String time) {
    public PromptVersion {
        amendments = amendments == null ? List.of() : List.copyOf(amendments);
    }
}
