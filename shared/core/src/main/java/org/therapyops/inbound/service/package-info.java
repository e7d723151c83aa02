/**
 * The inbound use cases: receiving a signed webhook, registering integrations, and applying each kept delivery
 * (acknowledgements, remittances, authorization updates) once. Storage, queue and object store sit behind ports.
 */
package org.therapyops.inbound.service;
