/**
 * Steady-state response curves of fitted channels and the budget allocator that splits a weekly
 * budget across them to maximise the total response under per-channel bounds.
 */
package io.cerebro.core.mmm.allocate;
