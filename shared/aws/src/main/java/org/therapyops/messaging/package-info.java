/**
 * SQS and SES v2 adapters. Their SDK modules are optional dependencies of shared: a function that uses
 * an adapter declares the module itself, so the others do not carry it.
 */
package org.therapyops.messaging;
