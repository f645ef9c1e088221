import type { Rule } from '../rule.js';
import { DD0001 } from './DD0001.js';
import { DD0002 } from './DD0002.js';
import { DD0003 } from './DD0003.js';
import { DD1001 } from './DD1001.js';
import { DD1002 } from './DD1002.js';
import { DD1003 } from './DD1003.js';
import { DD1004 } from './DD1004.js';
import { DD1005 } from './DD1005.js';
import { DD1006 } from './DD1006.js';
import { DD1007 } from './DD1007.js';
import { DD1008 } from './DD1008.js';
import { DD1009 } from './DD1009.js';
import { DD2001 } from './DD2001.js';
import { DD2002 } from './DD2002.js';
import { DD2003 } from './DD2003.js';
import { DD2004 } from './DD2004.js';
import { DD2005 } from './DD2005.js';
import { DD2006 } from './DD2006.js';
import { DD3001 } from './DD3001.js';
import { DD3002 } from './DD3002.js';
import { DD3003 } from './DD3003.js';
import { DD3004 } from './DD3004.js';
import { DD3005 } from './DD3005.js';
import { DD3006 } from './DD3006.js';
import { DD3007 } from './DD3007.js';
import { DD3008 } from './DD3008.js';
import { DD3009 } from './DD3009.js';
import { DD3010 } from './DD3010.js';
import { DD3011 } from './DD3011.js';
import { DD3012 } from './DD3012.js';
import { DD3013 } from './DD3013.js';
import { DD3014 } from './DD3014.js';
import { DD3015 } from './DD3015.js';
import { DD3016 } from './DD3016.js';
import { DD4001 } from './DD4001.js';
import { DD4002 } from './DD4002.js';
import { DD4003 } from './DD4003.js';
import { DD4004 } from './DD4004.js';
import { DD4005 } from './DD4005.js';
import { DD4006 } from './DD4006.js';
import { DD4007 } from './DD4007.js';
import { DD4008 } from './DD4008.js';
import { DD4009 } from './DD4009.js';
import { DD4010 } from './DD4010.js';
import { DD4011 } from './DD4011.js';
import { DD4012 } from './DD4012.js';
import { DD4013 } from './DD4013.js';
import { DD4014 } from './DD4014.js';
import { DD4015 } from './DD4015.js';
import { DD4016 } from './DD4016.js';
import { DD4017 } from './DD4017.js';
import { DD5001 } from './DD5001.js';
import { DD5002 } from './DD5002.js';
import { DD6001 } from './DD6001.js';
import { DD6002 } from './DD6002.js';

/** Every rule, sorted by id. Adding a rule: its file, its test, its line here, its docs page. */
export const RULES: readonly Rule[] = [
  DD0001,
  DD0002,
  DD0003,
  DD1001,
  DD1002,
  DD1003,
  DD1004,
  DD1005,
  DD1006,
  DD1007,
  DD1008,
  DD1009,
  DD2001,
  DD2002,
  DD2003,
  DD2004,
  DD2005,
  DD2006,
  DD3001,
  DD3002,
  DD3003,
  DD3004,
  DD3005,
  DD3006,
  DD3007,
  DD3008,
  DD3009,
  DD3010,
  DD3011,
  DD3012,
  DD3013,
  DD3014,
  DD3015,
  DD3016,
  DD4001,
  DD4002,
  DD4003,
  DD4004,
  DD4005,
  DD4006,
  DD4007,
  DD4008,
  DD4009,
  DD4010,
  DD4011,
  DD4012,
  DD4013,
  DD4014,
  DD4015,
  DD4016,
  DD4017,
  DD5001,
  DD5002,
  DD6001,
  DD6002,
];
