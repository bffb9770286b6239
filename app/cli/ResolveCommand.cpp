#include "CliCatalogConnection.h"
#include "CliCommand.h"
#include "CliCommandLine.h"
#include "base/TerminalText.h"
#include "catalog/CatalogClient.h"
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
        {QStringLiteral("tenant_id"), t.id},
        {QStringLiteral("slug"), t.slug},
        {QStringLiteral("display_name"), t.displayName},
        {QStringLiteral("isolation_model"), toString(t.model)},
        {QStringLiteral("state"), toString(t.state)},
        {QStringLiteral("shard_name"), t.shard.name},
        {QStringLiteral("host"), t.shard.host},
        {QStringLiteral("port"), t.shard.port},
        {QStringLiteral("dbname"), t.dataDatabase()},
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
    endpoint.set("host", t.shard.host);
    endpoint.set("port", QString::number(t.shard.port));
    endpoint.set("dbname", t.dataDatabase());
    // Names come from the catalog, where any writer may have put anything: shown inert.
    const auto inert = [](const QString& text) { return TerminalText::escaped(text); };
    cliOut() << "Tenant     " << inert(t.slug) << " (" << inert(t.displayName) << "), id " << t.id << '\n'
             << "State      " << toString(t.state) << '\n'
             << "Model      " << toString(t.model) << '\n'
             << "Shard      " << inert(t.shard.name) << ", primary " << inert(t.shard.host) << ':' << t.shard.port
             << '\n'
             << "Connect    " << inert(endpoint.toConnectionString()) << '\n'
             << "Scope      " << inert(scopeStatement(c, t)) << '\n'
             << "Matched    " << inert(t.matchedDomain) << '\n';
}

} // namespace

int runResolve(const QStringList& args)
{
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print a JSON object."));
    const CliCommandLine parser(
        args,
        {.usage = QStringLiteral("resolve <host-or-url> [--json]"),
         .description = QStringLiteral(
             "Finds the tenant that a host, host:port or URL routes to, with the catalog's own\n"
             "routing function tenantdesk.resolve(), and shows how to reach it."),
         .arguments = {{QStringLiteral("host-or-url"),
                        QStringLiteral("e.g. acme.example.com, localhost:8443, https://portal.example.com/globex")}},
         .options = {json},
         .argumentCount = 1,
         .argumentError = QStringLiteral("expected one host name, host:port or URL")});
    const QString target = parser.positionalArguments().constFirst();

    return CliCatalogConnection::withConnection(parser, [&](PgConnection& c) {
        const std::optional<ResolvedTenant> tenant = CatalogClient::resolve(c, target);
        if (!tenant) {
            cliErr() << "tenantctl: no tenant for " << TerminalText::escaped(target) << '\n';
            cliErr().flush();
            return 1;
        }
        if (parser.isSet(json))
            cliPrintJson(QJsonDocument(toJson(*tenant)));
        else
            printText(c, *tenant);
        cliOut().flush();
        return 0;
    });
}
