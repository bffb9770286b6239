#pragma once

#include "pg/ConnectionParams.h"

#include <QString>
#include <QStringList>

// Host names resolved before libpq sees them. PQconnectStart resolves a host name itself,
// synchronously, on the calling thread: on the poll thread, which drives every endpoint's socket,
// one slow or dead DNS server would stop them all. The poll thread therefore has each endpoint's
// name resolved on a pooled thread (resolve(), blocking), once, and connects with hostaddr= the
// addresses, keeping host= the name for TLS (SNI, verify-full), the passfile and messages.
class HostLookup {
public:
    // Whether params name one host by a name libpq would resolve itself: not an address, a socket
    // directory, several hosts, or a hostaddr given already.
    static bool needed(const ConnectionParams& params);
    // getaddrinfo: the addresses of host for port, as text, in the order to try them (at most
    // MaxAddresses). Blocking: call it off the poll thread. Throws PgError(Connection) naming the
    // host when it does not resolve.
    static QStringList resolve(const QString& host, const QString& port);
    // params aimed at addresses, tried in turn as libpq tries several hosts, each with host kept
    // as the name (for TLS, the passfile and messages).
    static ConnectionParams at(const ConnectionParams& params, const QStringList& addresses);

    static constexpr int MaxAddresses = 4;
};
