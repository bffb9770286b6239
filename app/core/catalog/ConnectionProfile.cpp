#include "catalog/ConnectionProfile.h"

#include "base/CatalogInput.h"
#include "base/InputError.h"

#include <QFileInfo>

#include <libpq-fe.h>

#include <memory>

namespace {

// Every keyword this libpq knows, for spotting "host=... dbname=..." typed into a single field.
const QList<QByteArray>& libpqKeywords()
{
    static const QList<QByteArray> keywords = [] {
        QList<QByteArray> list;
        std::unique_ptr<PQconninfoOption, decltype(&PQconninfoFree)> options(PQconndefaults(), &PQconninfoFree);
        for (const PQconninfoOption* o = options.get(); o && o->keyword; ++o)
            list.append(QByteArray(o->keyword));
        return list;
    }();
    return keywords;
}

bool looksLikeKeyValue(const QString& value)
{
    const QByteArray utf8 = value.toUtf8();
    for (const QByteArray& keyword : libpqKeywords()) {
        for (qsizetype at = utf8.indexOf(keyword); at >= 0; at = utf8.indexOf(keyword, at + 1)) {
            const bool startsWord = at == 0 || utf8.at(at - 1) == ' ' || utf8.at(at - 1) == '\t';
            qsizetype next = at + keyword.size();
            while (next < utf8.size() && utf8.at(next) == ' ')
                ++next;
            if (startsWord && next < utf8.size() && utf8.at(next) == '=')
                return true;
        }
    }
    return false;
}

bool looksLikeUri(const QString& value)
{
    return value.startsWith(QLatin1String("postgresql://"), Qt::CaseInsensitive)
           || value.startsWith(QLatin1String("postgres://"), Qt::CaseInsensitive);
}

// What is wrong with one connection field, as a full sentence, or empty.
QString fieldProblem(const QString& label, const QString& value)
{
    if (value.size() > ConnectionProfile::MaxFieldLength)
        return QStringLiteral("The %1 is %2 characters long; at most %3 are accepted.")
            .arg(label)
            .arg(value.size())
            .arg(ConnectionProfile::MaxFieldLength);
    if (const QString problem = CatalogInput::problem(value); !problem.isEmpty())
        return QStringLiteral("The %1 %2.").arg(label, problem);
    if (looksLikeUri(value))
        return QStringLiteral("The %1 looks like a connection URI (\"postgresql://...\"). Enter a plain value here, "
                              "or paste the whole URI into \"Connection string\".")
            .arg(label);
    if (looksLikeKeyValue(value))
        return QStringLiteral("The %1 looks like a connection string (\"host=... dbname=...\"). Enter a plain %2 "
                              "here, or paste the whole string into \"Connection string\".")
            .arg(label, label.endsWith(QLatin1String("name")) ? QStringLiteral("name") : QStringLiteral("value"));
    return {};
}

QString fileProblem(const QString& label, const QString& path)
{
    if (path.isEmpty() || QFileInfo(path).isFile())
        return {};
    return QStringLiteral("The %1 \"%2\" does not exist or is not a file.").arg(label, path);
}

} // namespace

QString ConnectionProfile::validate() const
{
    if (name.trimmed().isEmpty())
        return QStringLiteral("Enter a name for this connection.");
    if (name.size() > MaxNameLength)
        return QStringLiteral("The name is %1 characters long; at most %2 are accepted.")
            .arg(name.size())
            .arg(MaxNameLength);
    if (const QString problem = CatalogInput::problem(name); !problem.isEmpty())
        return QStringLiteral("The name %1.").arg(problem);

    const std::pair<QString, const QString*> fields[] = {
        {QStringLiteral("host"), &host},
        {QStringLiteral("database name"), &dbname},
        {QStringLiteral("user name"), &user},
        {QStringLiteral("SSL mode"), &sslmode},
        {QStringLiteral("root certificate"), &sslrootcert},
        {QStringLiteral("password file"), &passfile},
        {QStringLiteral("service name"), &service},
    };
    for (const auto& [label, value] : fields) {
        if (const QString problem = fieldProblem(label, *value); !problem.isEmpty())
            return problem;
    }

    ConnectionParams fromString;
    if (!connectionString.trimmed().isEmpty()) {
        if (connectionString.size() > MaxFieldLength)
            return QStringLiteral("The connection string is %1 characters long; at most %2 are accepted.")
                .arg(connectionString.size())
                .arg(MaxFieldLength);
        if (const QString problem = CatalogInput::problem(connectionString); !problem.isEmpty())
            return QStringLiteral("The connection string %1.").arg(problem);
        try {
            fromString = ConnectionParams::parse(connectionString);
        } catch (const InputError& e) {
            return e.message();
        }
        if (fromString.contains("password"))
            return QStringLiteral("The connection string contains a password. TenantDesk never stores passwords: "
                                  "remove it, and use a password file (passfile=...) or enter the password when "
                                  "connecting.");
    }

    if (host.trimmed().isEmpty() && service.trimmed().isEmpty() && !fromString.contains("host")
        && !fromString.contains("hostaddr") && !fromString.contains("service"))
        return QStringLiteral("Enter a host, or the name of a service from pg_service.conf.");
    if (port < 0 || port > 65535)
        return QStringLiteral("The port must be between 1 and 65535 (PostgreSQL listens on 5432 by default).");
    static const QStringList sslModes = {QStringLiteral("disable"),   QStringLiteral("allow"),
                                         QStringLiteral("prefer"),    QStringLiteral("require"),
                                         QStringLiteral("verify-ca"), QStringLiteral("verify-full")};
    if (!sslmode.isEmpty() && !sslModes.contains(sslmode))
        return QStringLiteral("The SSL mode must be one of %1.").arg(sslModes.join(QStringLiteral(", ")));
    // verify-ca and verify-full without a root certificate use libpq's ~/.postgresql/root.crt.
    if (sslrootcert != QLatin1String("system")) {
        if (const QString problem = fileProblem(QStringLiteral("root certificate"), sslrootcert); !problem.isEmpty())
            return problem;
    }
    return fileProblem(QStringLiteral("password file"), passfile);
}

ConnectionParams ConnectionProfile::toParams() const
{
    ConnectionParams params;
    if (!connectionString.trimmed().isEmpty())
        params = ConnectionParams::parse(connectionString);
    params.remove("password");
    const std::pair<QByteArray, QString> fields[] = {
        {"host", host.trimmed()}, {"port", port > 0 ? QString::number(port) : QString()},
        {"dbname", dbname},       {"user", user},
        {"sslmode", sslmode},     {"sslrootcert", sslrootcert},
        {"passfile", passfile},   {"service", service.trimmed()},
    };
    // Only the fields filled in: an empty one leaves the connection string's value alone.
    for (const auto& [keyword, value] : fields) {
        if (!value.isEmpty())
            params.set(keyword, value);
    }
    return params;
}

ConnectionProfile ConnectionProfile::fromParams(const QString& name, const ConnectionParams& params)
{
    ConnectionProfile profile;
    profile.name = name;
    ConnectionParams rest;
    for (const auto& [keyword, utf8] : params.entries()) {
        const QString value = QString::fromUtf8(utf8);
        if (keyword == "port") {
            bool single = false;
            const int port = value.toInt(&single);
            if (single) {
                profile.port = port;
                continue;
            }
            // A list of ports, one per host, stays in the connection string.
        }
        if (keyword == "host")
            profile.host = value;
        else if (keyword == "dbname")
            profile.dbname = value;
        else if (keyword == "user")
            profile.user = value;
        else if (keyword == "sslmode")
            profile.sslmode = value;
        else if (keyword == "sslrootcert")
            profile.sslrootcert = value;
        else if (keyword == "passfile")
            profile.passfile = value;
        else if (keyword == "service")
            profile.service = value;
        else if (keyword != "password")
            rest.set(keyword, value);
    }
    profile.connectionString = rest.toConnectionString();
    return profile;
}
