package org.therapyops.localcloud;

/** Command-line entry point of the local cloud. */
public final class Main {
    public static void main(String[] args) {
    }
}
