/** DynamoDB adapters of the ports: key design, item mapping and conditional writes. */
package org.therapyops.dynamodb;
