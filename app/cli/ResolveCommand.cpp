#include "catalog/CatalogClient.h"
#include "CliCatalogConnection.h"
#include "CliCommand.h"
#include "base/TerminalText.h"
#include "pg/LocalSettings.h"

#include <QJsonDocument>
#include <QJsonObject>

// tenantctl resolve <host-or-url> [--json]: tenantdesk.resolve() from a shell.

namespace {

QJsonValue orNull(const QString& text)
{
    return text.isEmpty() ? QJsonValue() : QJsonValue(text);
}

// The keys are the column names of tenantdesk.resolve(), the public contract.
QJsonObject toJson(const ResolvedTenant& t)
{
    return QJsonObject{
        {QStringLiteral("tenant_id"), t.tenantId},
        {QStringLiteral("slug"), t.slug},
        {QStringLiteral("display_name"), t.displayName},
        {QStringLiteral("isolation_model"), toString(t.model)},
        {QStringLiteral("state"), toString(t.state)},
        {QStringLiteral("shard_name"), t.shardName},
        {QStringLiteral("host"), t.host},
        {QStringLiteral("port"), t.port},
        {QStringLiteral("dbname"), t.dbname},
        {QStringLiteral("schema_name"), orNull(t.schemaName)},
        {QStringLiteral("tenant_key"), orNull(t.tenantKey)},
        {QStringLiteral("matched_domain"), t.matchedDomain},
    };
}

// How an application session scopes itself to the tenant, inside its transaction.
QString scopeStatement(const PgConnection& c, const ResolvedTenant& t)
{
    switch (t.model) {
    case IsolationModel::Schema:
        return LocalSettings::searchPath(c, {t.schemaName});
    case IsolationModel::Shared:
        return LocalSettings::tenantScript(c, t.tenantKey);
    case IsolationModel::Database:
        break;
    }
    return QStringLiteral("(none: the tenant has the database to itself)");
}

void printText(const PgConnection& c, const ResolvedTenant& t)
{
    ConnectionParams endpoint;
    endpoint.set("host", t.host);
    endpoint.set("port", QString::number(t.port));
    endpoint.set("dbname", t.dbname);
    // Names come from the catalog, where any writer may have put anything: shown inert.
    const auto inert = [](const QString& text) { return TerminalText::escaped(text); };
    cliOut() << "Tenant     " << inert(t.slug) << " (" << inert(t.displayName) << "), id " << t.tenantId
             << '\n'
             << "State      " << toString(t.state) << '\n'
             << "Model      " << toString(t.model) << '\n'
             << "Shard      " << inert(t.shardName) << ", primary " << inert(t.host) << ':' << t.port << '\n'
             << "Connect    " << inert(endpoint.toConnectionString()) << '\n'
             << "Scope      " << inert(scopeStatement(c, t)) << '\n'
             << "Matched    " << inert(t.matchedDomain) << '\n';
}

int run(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Finds the tenant that a host, host:port or URL routes to, with the catalog's own\n"
                       "routing function tenantdesk.resolve(), and shows how to reach it."));
    parser.addPositionalArgument(
        QStringLiteral("host-or-url"),
        QStringLiteral("e.g. acme.example.com, localhost:8443, https://portal.example.com/globex"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print a JSON object."));
    parser.addOption(json);
    const QString command = QStringLiteral("resolve");
    if (auto exit =
            CliCatalogConnection::parse(parser, args, QStringLiteral("resolve <host-or-url> [--json]")))
        return *exit;
    if (parser.positionalArguments().size() != 1)
        return CliCatalogConnection::usageError(command,
                                                QStringLiteral("expected one host name, host:port or URL"));
    const QString target = parser.positionalArguments().constFirst();

    return CliCatalogConnection::withConnection(parser, [&](PgConnection& c) {
        const std::optional<ResolvedTenant> tenant = CatalogClient::resolve(c, target);
        if (!tenant) {
            cliErr() << "tenantctl: no tenant for " << TerminalText::escaped(target) << '\n';
            cliErr().flush();
            return 1;
        }
        if (parser.isSet(json))
            cliOut() << QJsonDocument(toJson(*tenant)).toJson(QJsonDocument::Indented);
        else
            printText(c, *tenant);
        cliOut().flush();
        return 0;
    });
}

const CliCommand::Registration
    registration(QStringLiteral("resolve"),
                 QStringLiteral("Find the tenant a host, host:port or URL routes to"), run);

}  // namespace
