/**
 * Runnable examples of the HashMix SDK; {@link io.hashmix.examples.LifecycleDemo} is the main one.
 */
package io.hashmix.examples;
