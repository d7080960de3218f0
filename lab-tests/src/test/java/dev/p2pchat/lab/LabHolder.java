package dev.p2pchat.lab;

/**
 * Run in a child JVM by {@link LabCleanupTest}: builds a small lab, prints its name, and holds it
 * until the JVM is killed, so that the test can end it the ways a run can die.
 */
public final class LabHolder {
    private LabHolder() {}

    public static void main(String[] args) throws InterruptedException {
        try (Lab lab = Lab.create()) {
            lab.addNat(NatKind.PORT_RESTRICTED).addHost();
            System.out.println(lab.name());
            System.out.flush();
            Thread.currentThread().join(); // until killed
        }
    }
}
