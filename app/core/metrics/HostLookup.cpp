#include "metrics/HostLookup.h"

#include "pg/PgError.h"

#ifdef _WIN32
#include <ws2tcpip.h>
#else
#include <netdb.h>
#include <sys/socket.h>
#endif

namespace {

// getaddrinfo's answer, freed when it goes.
struct AddressList {
    addrinfo* first = nullptr;
    ~AddressList()
    {
        if (first)
            freeaddrinfo(first);
    }
};

bool isAddress(const QString& host)
{
    addrinfo hints{};
    hints.ai_flags = AI_NUMERICHOST;
    AddressList found;
    return getaddrinfo(host.toUtf8().constData(), nullptr, &hints, &found.first) == 0;
}

} // namespace

bool HostLookup::needed(const ConnectionParams& params)
{
    const QString host = params.value("host");
    return !host.isEmpty() && !params.contains("hostaddr") && !host.startsWith(u'/') && !host.startsWith(u'@')
           && !host.contains(u',') && !isAddress(host);
}

QStringList HostLookup::resolve(const QString& host, const QString& port)
{
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    AddressList found;
    const QByteArray service = port.isEmpty() ? QByteArrayLiteral("5432") : port.toUtf8();
    if (const int error = getaddrinfo(host.toUtf8().constData(), service.constData(), &hints, &found.first))
        throw PgError(PgError::Kind::Connection, QStringLiteral("The host name %1 does not resolve (%2).")
                                                     .arg(host, QString::fromLocal8Bit(gai_strerror(error))));
    QStringList addresses;
    for (const addrinfo* a = found.first; a && addresses.size() < MaxAddresses; a = a->ai_next) {
        char text[NI_MAXHOST] = {};
        if (getnameinfo(a->ai_addr, socklen_t(a->ai_addrlen), text, sizeof text, nullptr, 0, NI_NUMERICHOST) == 0
            && !addresses.contains(QString::fromLatin1(text)))
            addresses << QString::fromLatin1(text);
    }
    if (addresses.isEmpty())
        throw PgError(PgError::Kind::Connection, QStringLiteral("The host name %1 resolves to no address.").arg(host));
    return addresses;
}

ConnectionParams HostLookup::at(const ConnectionParams& params, const QStringList& addresses)
{
    ConnectionParams p = params;
    p.set("host", QStringList(addresses.size(), params.value("host")).join(u','));
    p.set("hostaddr", addresses.join(u','));
    return p;
}
