package dev.warden.samples.tidy;

import dev.warden.api.PermissionDeniedException;
import dev.warden.api.capability.CapabilityException;
import dev.warden.api.capability.Files;
import dev.warden.samples.tidy.TidyPlan.Left;
import dev.warden.samples.tidy.TidyPlan.Move;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Carries out a plan's moves through the Files capability. A move is a copy, then a deletion: the
 * file is written at its new place first, so it is never only in memory, and then Warden moves the
 * old one to its trash after asking the person. A declined deletion keeps the file where it was and
 * the run goes on with the next; a permission that was not granted stops the run at once, because
 * every later call would be refused too (and repeated refusals quarantine a plugin).
 */
final class Organiser {

    private final Files files;

    Organiser(Files files) {
        this.files = Objects.requireNonNull(files, "files");
    }

    /**
     * @param folder the folder the moves are relative to, in the Files notation
     * @param moves  what to move
     * @param kept   entries already known to stay, reported first
     * @return what was moved and what was kept
     */
    OrganiseReport carryOut(String folder, List<Move> moves, List<Left> kept) {
        List<Move> moved = new ArrayList<>();
        List<Left> stayed = new ArrayList<>(kept);
        for (int i = 0; i < moves.size(); i++) {
            Move move = moves.get(i);
            try {
                Optional<Left> refused = move(folder, move);
                if (refused.isPresent()) {
                    stayed.add(refused.get());
                } else {
                    moved.add(move);
                }
            } catch (Stop stop) {
                stayed.add(stop.kept);
                for (Move rest : moves.subList(i + 1, moves.size())) {
                    stayed.add(new Left(rest.file(), "not tried: the run stopped first"));
                }
                return new OrganiseReport(folder, moved, stayed, Optional.of(stop.getMessage()));
            }
        }
        return new OrganiseReport(folder, moved, stayed, Optional.empty());
    }

    /** @return empty if the file moved, or why it stayed */
    private Optional<Left> move(String folder, Move move) throws Stop {
        String from = folder + "/" + move.file();
        String to = folder + "/" + move.to();
        byte[] content;
        try {
            Optional<byte[]> read = files.read(from);
            if (read.isEmpty()) {
                return kept(move, "it is no longer there");
            }
            content = read.get();
        } catch (CapabilityException.LimitExceeded e) {
            return kept(move, "it is larger than Warden lets a plugin read; move it yourself");
        } catch (CapabilityException e) {
            return kept(move, "it could not be read (" + e.getMessage() + ")");
        } catch (PermissionDeniedException e) {
            throw new Stop(new Left(move.file(), "not moved"), e);
        }
        try {
            if (files.exists(to)) {
                return kept(move, move.to() + " exists now; tidy never replaces anything");
            }
            files.write(to, content);
        } catch (CapabilityException e) {
            return kept(move, "it could not be written to " + move.to() + " (" + e.getMessage() + ")");
        } catch (PermissionDeniedException e) {
            throw new Stop(new Left(move.file(), "not moved"), e);
        }
        try {
            files.delete(from);
            return Optional.empty();
        } catch (CapabilityException.Declined e) {
            return kept(move, "you chose to keep it here, so it stays; the copy made at " + move.to() + " can go");
        } catch (CapabilityException e) {
            return kept(move, "it was copied to " + move.to() + " but could not be moved to the trash (" + e.getMessage() + ")");
        } catch (PermissionDeniedException e) {
            throw new Stop(new Left(move.file(), "it was copied to " + move.to() + " but may not be removed from here"), e);
        }
    }

    private static Optional<Left> kept(Move move, String reason) {
        return Optional.of(new Left(move.file(), reason));
    }

    /** A permission was missing: the file it happened on, and a message saying what to grant. */
    private static final class Stop extends Exception {

        private static final long serialVersionUID = 1L;

        final transient Left kept;

        Stop(Left kept, PermissionDeniedException denied) {
            super("tidy was not granted " + denied.permission() + " on " + denied.target() + ". It is an optional"
                    + " permission: 'plan' works without it, and this command grants it: warden grant warden-samples/tidy "
                    + denied.permission() + " '${workspace}/**'");
            this.kept = kept;
        }
    }
}
