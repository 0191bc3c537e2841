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
import './switch-role.js';
