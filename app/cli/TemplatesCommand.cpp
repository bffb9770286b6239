#include "CliCatalogConnection.h"
#include "CliCommand.h"
#include "base/TerminalText.h"
#include "catalog/FleetRoles.h"
#include "provision/TenantTemplates.h"
#include "templates/TemplateAdder.h"
#include "templates/TemplateDiff.h"
#include "templates/TemplateImporter.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringDecoder>

#include <array>

// tenantctl templates list|add|import|diff: the template versions of the catalog, new ones from a
// DDL file or an existing tenant (each tried on a shard before it is stored), and what differs
// between two versions. The same core classes as the Templates window.

namespace {

const QString command = QStringLiteral("templates");

int withShards(const QCommandLineParser& parser, const std::function<int(PgConnection&, ShardConnections&)>& body)
{
    return CliCatalogConnection::withConnection(parser, [&](PgConnection& c) {
        ShardConnections shards(CliCatalogConnection::params(parser), FleetRoles::load(c));
        return body(c, shards);
    });
}

// The file as UTF-8 text; empty with problem set when it cannot be read or is not UTF-8.
QString readSql(const QString& path, QString& problem)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        problem = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return {};
    }
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = utf8(file.readAll());
    if (utf8.hasError())
        problem = QStringLiteral("%1 is not UTF-8 text").arg(path);
    return text;
}

std::optional<int> parseVersion(const QString& text)
{
    bool ok = false;
    const int version = text.toInt(&ok);
    return ok && version > 0 ? std::optional<int>(version) : std::nullopt;
}

QCommandLineOption versionOption(const QString& help)
{
    return {QStringLiteral("version"), help, QStringLiteral("N")};
}

QCommandLineOption shardOption()
{
    return {QStringLiteral("shard"),
            QStringLiteral("The shard whose primary tries the DDL (default: the active one with the most headroom)."),
            QStringLiteral("name")};
}

int runList(const QStringList& args)
{
    const QCommandLineOption json(QStringLiteral("json"),
                                  QStringLiteral("Print a JSON array of objects (name, version, model, tenants, "
                                                 "created, description, upgradable) instead of a table."));
    QCommandLineParser parser;
    if (auto exit = CliCatalogConnection::parse(
            parser, args,
            {.usage = QStringLiteral("templates list [--json]"),
             .description = QStringLiteral(
                 "Lists the template versions of the catalog, with the tenants made from each."),
             .options = {json},
             .argumentCount = 0,
             .argumentError = QStringLiteral("list takes no arguments")}))
        return *exit;
    return CliCatalogConnection::withConnection(parser, [&](PgConnection& c) {
        const QList<TenantTemplate> templates = TenantTemplates::all(c);
        if (parser.isSet(json)) {
            QJsonArray array;
            for (const TenantTemplate& t : templates)
                array.append(QJsonObject{{QStringLiteral("name"), t.name},
                                         {QStringLiteral("version"), t.version},
                                         {QStringLiteral("model"), toString(t.model)},
                                         {QStringLiteral("tenants"), t.tenants},
                                         {QStringLiteral("created"), t.created.toString(Qt::ISODate)},
                                         {QStringLiteral("description"), t.description},
                                         {QStringLiteral("upgradable"), t.upgradable}});
            cliPrintJson(QJsonDocument(array));
            return 0;
        }
        const QStringList titles{QStringLiteral("NAME"),    QStringLiteral("VERSION"), QStringLiteral("MODEL"),
                                 QStringLiteral("TENANTS"), QStringLiteral("CREATED"), QStringLiteral("DESCRIPTION")};
        QList<QStringList> rows{titles};
        for (const TenantTemplate& t : templates)
            rows.append({TerminalText::escaped(t.name), QString::number(t.version), toString(t.model),
                         QString::number(t.tenants), t.created.toString(Qt::ISODate),
                         TerminalText::escaped(t.description)});
        std::array<qsizetype, 6> width{};
        for (const QStringList& row : std::as_const(rows)) {
            for (qsizetype i = 0; i < row.size(); ++i)
                width[size_t(i)] = std::max(width[size_t(i)], row[i].size());
        }
        for (const QStringList& row : std::as_const(rows)) {
            for (qsizetype i = 0; i < row.size(); ++i)
                cliOut() << (i + 1 < row.size() ? row[i].leftJustified(width[size_t(i)] + 2) : row[i]);
            cliOut() << '\n';
        }
        cliOut().flush();
        return 0;
    });
}

int runAdd(const QStringList& args)
{
    const QCommandLineOption model(QStringLiteral("model"), QStringLiteral("schema, database or shared."),
                                   QStringLiteral("model"));
    const QCommandLineOption file(QStringLiteral("file"), QStringLiteral("The whole DDL of the version."),
                                  QStringLiteral("DDL.sql"));
    const QCommandLineOption version = versionOption(QStringLiteral("The version (default: the latest + 1)."));
    const QCommandLineOption upgrade(QStringLiteral("upgrade-file"),
                                     QStringLiteral("What brings a tenant of the version before to this one."),
                                     QStringLiteral("DELTA.sql"));
    const QCommandLineOption description(QStringLiteral("description"), QStringLiteral("What it is for."),
                                         QStringLiteral("text"));
    const QCommandLineOption shard = shardOption();
    QCommandLineParser parser;
    if (auto exit = CliCatalogConnection::parse(
            parser, args,
            {.usage = QStringLiteral("templates add <name> --model schema|database|shared --file DDL.sql [--version N] "
                                     "[--upgrade-file DELTA.sql] [--description TEXT] [--shard NAME]"),
             .description = QStringLiteral(
                 "Adds a template version. The DDL (and the upgrade DDL, on the version before) is first run\n"
                 "as the fleet's owner role in a scratch schema (rolled back) or scratch database (dropped)\n"
                 "on a shard's primary: a DDL that does not run is refused with the server's message, and\n"
                 "nothing is stored. An existing version is never replaced."),
             .arguments = {{QStringLiteral("name"), QStringLiteral("Lower-case letters, digits, '-' and '_'.")}},
             .options = {model, file, version, upgrade, description, shard},
             .argumentCount = 1,
             .argumentError = QStringLiteral("add expects one template name")}))
        return *exit;
    TemplateDraft draft;
    draft.name = parser.positionalArguments().constFirst();
    const std::optional<IsolationModel> isolation = isolationModelFromString(parser.value(model).toUtf8());
    if (!isolation)
        return CliCatalogConnection::usageError(command, QStringLiteral("--model is schema, database or shared"));
    draft.model = *isolation;
    if (!parser.isSet(file))
        return CliCatalogConnection::usageError(command, QStringLiteral("add needs --file DDL.sql"));
    if (parser.isSet(version)) {
        const std::optional<int> n = parseVersion(parser.value(version));
        if (!n)
            return CliCatalogConnection::usageError(command, QStringLiteral("--version expects a number above 0"));
        draft.version = *n;
    }
    QString problem;
    draft.ddl = readSql(parser.value(file), problem);
    if (parser.isSet(upgrade) && problem.isEmpty())
        draft.upgradeDdl = readSql(parser.value(upgrade), problem);
    if (!problem.isEmpty())
        return CliCatalogConnection::usageError(command, problem);
    draft.description = parser.value(description);
    draft.auditAction = QStringLiteral("template.add");
    draft.auditDetails = {{QStringLiteral("file"), QFileInfo(parser.value(file)).fileName()}};
    return withShards(parser, [&](PgConnection& c, ShardConnections& shards) {
        TemplateAdder adder(c, shards);
        const TemplateAdder::Added added = adder.add(draft, adder.shard(parser.value(shard)));
        return cliDone(
            QStringLiteral("Added %1 v%2 (%3): it ran on %4 and made %5 objects and parts%6.")
                .arg(added.draft.name, QString::number(added.draft.version), toString(added.draft.model), added.shard,
                     QString::number(added.objects),
                     added.draft.upgradeDdl.isEmpty()
                         ? QString()
                         : QStringLiteral("; its upgrade DDL brings v%1 to the same").arg(added.draft.version - 1)));
    });
}

int runImport(const QStringList& args)
{
    const QCommandLineOption from(QStringLiteral("from-tenant"), QStringLiteral("The schema or database tenant."),
                                  QStringLiteral("slug"));
    const QCommandLineOption version = versionOption(QStringLiteral("The version (default: the latest + 1)."));
    QCommandLineParser parser;
    if (auto exit = CliCatalogConnection::parse(
            parser, args,
            {.usage = QStringLiteral("templates import <name> --from-tenant SLUG [--version N]"),
             .description = QStringLiteral(
                 "Adds a template version made from an existing tenant's schema or database (pg_dump\n"
                 "--schema-only, its schema name taken out so that it runs in any tenant's schema), tried on\n"
                 "the tenant's shard first, then compared with the tenant."),
             .arguments = {{QStringLiteral("name"), QStringLiteral("The template to add a version to (or create).")}},
             .options = {from, version},
             .argumentCount = 1,
             .argumentError = QStringLiteral("import expects one template name")}))
        return *exit;
    if (!parser.isSet(from))
        return CliCatalogConnection::usageError(command, QStringLiteral("import needs --from-tenant SLUG"));
    int number = 0;
    if (parser.isSet(version)) {
        const std::optional<int> n = parseVersion(parser.value(version));
        if (!n)
            return CliCatalogConnection::usageError(command, QStringLiteral("--version expects a number above 0"));
        number = *n;
    }
    return withShards(parser, [&](PgConnection& c, ShardConnections& shards) {
        const TemplateImporter::Imported imported = TemplateImporter(c, shards).import(
            parser.value(from), parser.positionalArguments().constFirst(), number);
        return cliDone((QStringList{imported.added.summary(QStringLiteral("Imported"))} + imported.notes).join(u'\n'));
    });
}

int runDiff(const QStringList& args)
{
    const QCommandLineOption model(QStringLiteral("model"),
                                   QStringLiteral("schema, database or shared (needed when the name has several)."),
                                   QStringLiteral("model"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print one JSON object."));
    const QCommandLineOption shard = shardOption();
    QCommandLineParser parser;
    if (auto exit = CliCatalogConnection::parse(
            parser, args,
            {.usage = QStringLiteral("templates diff <name> <v1> <v2> [--model M] [--json] [--shard NAME]"),
             .description = QStringLiteral(
                 "Shows what differs between two versions, object by object (tables, columns, indexes,\n"
                 "constraints, types...): both are made in scratch places on a shard and compared. When that\n"
                 "cannot be done, a unified diff of their DDL, and why."),
             .arguments = {{QStringLiteral("name"), QStringLiteral("The template.")},
                           {QStringLiteral("v1"), QStringLiteral("A version.")},
                           {QStringLiteral("v2"), QStringLiteral("Another version.")}},
             .options = {model, json, shard},
             .argumentCount = 3,
             .argumentError = QStringLiteral("diff expects a template name and two versions")}))
        return *exit;
    const QStringList positional = parser.positionalArguments();
    const std::optional<int> from = parseVersion(positional[1]), to = parseVersion(positional[2]);
    if (!from || !to)
        return CliCatalogConnection::usageError(command, QStringLiteral("versions are numbers above 0"));
    std::optional<IsolationModel> isolation;
    if (parser.isSet(model)) {
        isolation = isolationModelFromString(parser.value(model).toUtf8());
        if (!isolation)
            return CliCatalogConnection::usageError(command, QStringLiteral("--model is schema, database or shared"));
    }
    return withShards(parser, [&](PgConnection& c, ShardConnections& shards) {
        const TemplateDiff::Result r = TemplateDiff(c, shards).compare(positional[0], isolation, *from, *to,
                                                                       parser.value(shard));
        if (parser.isSet(json)) {
            cliPrintJson(QJsonDocument(r.toJson()));
            return 0;
        }
        return cliDone(r.lines().join(u'\n'));
    });
}

} // namespace

int runTemplates(const QStringList& args)
{
    static const CliActions actions{{QStringLiteral("list"), runList},
                                    {QStringLiteral("add"), runAdd},
                                    {QStringLiteral("import"), runImport},
                                    {QStringLiteral("diff"), runDiff}};
    return CliCatalogConnection::dispatch(command, args, actions);
}
