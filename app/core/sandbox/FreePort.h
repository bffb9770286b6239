#pragma once

#include <QList>

// Loopback TCP ports that nobody listens on, found by letting the kernel bind 127.0.0.1:0.
namespace FreePort {
// count distinct ports, all held until every one is chosen so that none is handed out twice.
// A port is free when returned, not reserved: whoever binds it first gets it.
QList<int> pick(int count);
} // namespace FreePort
