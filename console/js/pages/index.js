// @ts-check
/**
 * Every page of the console, registered with the router in navigation order. A page module
 * calls addRoute() when imported.
 */
import './dashboard.js';
import './switch-role.js';
import './roles.js';
import './policies.js';
import './providers.js';
