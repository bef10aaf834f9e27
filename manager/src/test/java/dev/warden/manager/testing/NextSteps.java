package dev.warden.manager.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * The commands a Warden command prints for the person to type next: the lines indented by two spaces right
 * under the line that starts with {@code Next:}, up to the first line that is not (an aside follows a blank line).
 */
public final class NextSteps {

    private NextSteps() {
    }

    /**
     * @param printed what the command printed
     * @return the commands, in order, without their indent; empty if nothing was printed under {@code Next:}
     */
    public static List<String> in(String printed) {
        List<String> steps = new ArrayList<>();
        boolean under = false;
        for (String line : printed.split("\\R")) {
            if (line.startsWith("Next:")) {
                under = true;
                steps.clear();
            } else if (under && line.startsWith("  ") && !line.isBlank()) {
                steps.add(line.strip());
            } else {
                under = false;
            }
        }
        return List.copyOf(steps);
    }
}
