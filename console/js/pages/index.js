// @ts-check
/**
 * Every page of the console, registered with the router in navigation order. A page module
 * calls addRoute() when imported.
 */
import './dashboard.js';
import './users.js';
import './user-detail.js';
import './groups.js';
import './group-detail.js';
import './roles.js';
import './policies.js';
import './providers.js';
// Access analysis, sessions, event history, policy simulator (after the others).
import './access.js';
import './sessions.js';
import './events.js';
import './simulator.js';
import './switch-role.js';
