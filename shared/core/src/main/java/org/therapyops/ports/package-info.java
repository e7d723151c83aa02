/** What the domain needs from the outside world (storage), as interfaces; AWS adapters live elsewhere. */
package org.therapyops.ports;
