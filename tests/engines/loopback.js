// Preloaded with `node --require`: Comunica's endpoint calls server.listen(port), which binds every
// interface; this makes a listen on a bare port bind 127.0.0.1 only (the tests stay on loopback).
const net = require("net");
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (port, ...rest) {
  if (typeof port === "number" && (rest.length === 0 || typeof rest[0] === "function")) {
    return listen.call(this, port, "127.0.0.1", ...rest);
  }
  return listen.call(this, port, ...rest);
};
