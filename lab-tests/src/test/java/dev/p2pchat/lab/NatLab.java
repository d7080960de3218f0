package dev.p2pchat.lab;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that builds network namespaces: it runs as root on Linux and is skipped, with
 * the reason, everywhere else. Run only these with {@code -Dgroups=natlab}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(LabEnvironment.class)
@Tag("natlab")
public @interface NatLab {}
