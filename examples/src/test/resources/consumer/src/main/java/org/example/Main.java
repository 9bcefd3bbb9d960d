package org.example;

import astrograd.examples.CustomLayerExample;
import astrograd.examples.QuickStart;

/** The consumer project's program: the README's example, then the custom-layer how-to (a small configuration). */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        QuickStart.run();
        System.out.printf("custom-layer accuracy %.3f%n", CustomLayerExample.run(256, 150));
    }
}
