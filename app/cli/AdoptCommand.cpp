#include "CliCatalogConnection.h"
#include "CliCommand.h"
#include "CliCommandLine.h"
#include "adopt/AdoptApplier.h"
#include "adopt/AdoptOptionNames.h"
#include "adopt/AdoptScanner.h"
#include "base/InputError.h"
#include "base/TerminalText.h"

#include <QJsonArray>
#include <QJsonDocument>

// tenantctl adopt scan|apply --shard NAME [--layout L] [table and column options] ...: takes in
// the tenants a shard already has (AdoptScanner, AdoptApplier: the same classes the wizard runs).

namespace {

const QString command = QStringLiteral("adopt");

QJsonObject toJson(const AdoptCandidate& c)
{
    return {{QStringLiteral("slug"), c.slug},
            {QStringLiteral("name"), c.displayName},
            {QStringLiteral("model"), toString(c.model)},
            {QStringLiteral("object"), c.objectName},
            {QStringLiteral("owner"), c.owner},
            {QStringLiteral("app_tenant_id"), c.appTenantId},
            {QStringLiteral("listed"), c.listed},
            {QStringLiteral("domains"), QJsonArray::fromStringList(c.domains)}};
}

void printJson(const AdoptScan& scan)
{
    QJsonArray candidates;
    for (const AdoptCandidate& c : scan.candidates)
        candidates.append(toJson(c));
    const QJsonObject o{{QStringLiteral("shard"), scan.shard.name},
                        {QStringLiteral("layout"), toString(scan.layout.kind)},
                        {QStringLiteral("database"), scan.layout.database},
                        {QStringLiteral("options"), scan.layout.options()},
                        {QStringLiteral("candidates"), candidates},
                        {QStringLiteral("notes"), QJsonArray::fromStringList(scan.notes)}};
    cliPrintJson(QJsonDocument(o));
}

void printText(const AdoptScan& scan)
{
    QTextStream& out = cliOut();
    out << "Shard " << scan.shard.name << ", layout " << toString(scan.layout.kind) << " (tables in "
        << TerminalText::escaped(scan.layout.database) << ")\n";
    if (scan.candidates.isEmpty())
        out << "Nothing on the shard that the catalog does not own already.\n";
    // Names come from the shard, where the application may have put anything: shown inert.
    for (const AdoptCandidate& c : scan.candidates) {
        out << (c.listed ? "* " : "  ") << c.slug << "  " << toString(c.model) << ' '
            << TerminalText::escaped(c.objectName) << "  \"" << TerminalText::escaped(c.displayName) << '"';
        if (!c.appTenantId.isEmpty())
            out << "  app id " << TerminalText::escaped(c.appTenantId);
        if (!c.domains.isEmpty())
            out << "  " << c.domains.join(QLatin1String(", "));
        out << '\n';
    }
    if (!scan.candidates.isEmpty())
        out << "(* the application lists it: `adopt apply` takes these unless --only names others)\n";
    for (const QString& note : scan.notes)
        out << "note: " << TerminalText::escaped(note) << '\n';
}

struct AdoptOptions {
    QCommandLineOption shard{QStringLiteral("shard"), QStringLiteral("The shard to scan."), QStringLiteral("name")};
    QCommandLineOption layout{QStringLiteral("layout"),
                              QStringLiteral("plain, django-tenants, stancl, apartment or auto (default): the "
                                             "application's tenant tables."),
                              QStringLiteral("layout"), QStringLiteral("auto")};
    QCommandLineOption database{QStringLiteral("database"),
                                QStringLiteral("The database of the application's tables (default: the shard's "
                                               "tenant database)."),
                                QStringLiteral("name")};
    QList<QCommandLineOption> names;

    AdoptOptions()
    {
        for (const AdoptOptionName& n : AdoptOptionName::all())
            names.append({n.commandLine(), n.help, QStringLiteral("name")});
    }

    // The command line of the action: these options, then its own; no positional arguments.
    CliSyntax syntax(const QString& action, const QString& usage, const QString& description,
                     const QList<QCommandLineOption>& own) const
    {
        return {.usage = usage,
                .description = description,
                .options = QList<QCommandLineOption>{shard, layout, database} + names + own,
                .argumentCount = 0,
                .argumentError = QStringLiteral("%1 takes no arguments besides its options").arg(action)};
    }

    // The request; after a usage error (printed), throws CliCommandLine::Exit.
    AdoptRequest request(const QCommandLineParser& parser) const
    {
        AdoptRequest r;
        r.shard = parser.value(shard);
        r.database = parser.value(database);
        if (r.shard.isEmpty())
            throw CliCommandLine::Exit{
                CliCatalogConnection::usageError(command, QStringLiteral("--shard NAME is required"))};
        if (parser.value(layout) != QLatin1String("auto")) {
            r.layout = appLayoutKindFromString(parser.value(layout));
            if (!r.layout)
                throw CliCommandLine::Exit{CliCatalogConnection::usageError(
                    command, QStringLiteral("--layout is plain, django-tenants, stancl, apartment or auto"))};
        }
        for (qsizetype i = 0; i < names.size(); ++i) {
            if (parser.isSet(names[i]))
                r.options.insert(AdoptOptionName::all()[i].key, parser.value(names[i]));
        }
        return r;
    }
};

int runScan(const QStringList& args)
{
    const AdoptOptions o;
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print the scan as a JSON object."));
    const CliCommandLine parser(
        args, o.syntax(QStringLiteral("scan"),
                       QStringLiteral("adopt scan --shard NAME [--layout L] [--tenant-table T] [--domain-table T] "
                                      "[column options] [--json]"),
                       QStringLiteral("Lists what lives on a shard that no catalog tenant owns (schemas, databases, "
                                      "keys of the shared tables),\nwith a proposed slug, model, name and domains. "
                                      "Reads only."),
                       {json}));
    const AdoptRequest request = o.request(parser);
    return CliCatalogConnection::withShards(parser, [&](PgConnection& c, ShardConnections& shards) {
        const AdoptScan scan = AdoptScanner(c, shards).scan(request);
        if (parser.isSet(json))
            printJson(scan);
        else
            printText(scan);
        cliOut().flush();
        return 0;
    });
}

int runApply(const QStringList& args)
{
    const AdoptOptions o;
    const QCommandLineOption templateOption(QStringLiteral("template"),
                                            QStringLiteral("Record the tenants as made from this template version."),
                                            QStringLiteral("name:version"));
    const QCommandLineOption only(QStringLiteral("only"),
                                  QStringLiteral("Adopt only these slugs (as the scan proposes them). Repeatable, or "
                                                 "comma-separated."),
                                  QStringLiteral("slug"));
    const QCommandLineOption plan(QStringLiteral("plan"),
                                  QStringLiteral("Print what it would write, and write nothing."));
    const CliCommandLine parser(
        args,
        o.syntax(QStringLiteral("apply"),
                 QStringLiteral("adopt apply --shard NAME [--layout L] [table and column options] "
                                "[--template NAME:VERSION] [--only SLUG...] [--plan]"),
                 QStringLiteral("Registers what `adopt scan` lists under its existing names (never renaming or "
                                "touching its data),\nwith its domains, and records the application's layout: one "
                                "catalog transaction, audited."),
                 {templateOption, only, plan}));
    const AdoptRequest request = o.request(parser);
    AdoptApplier::Template chosenTemplate;
    if (parser.isSet(templateOption)) {
        const QStringList parts = parser.value(templateOption).split(u':');
        bool ok = parts.size() == 2;
        chosenTemplate = {parts.value(0), parts.value(1).toInt(&ok)};
        if (!ok || chosenTemplate.version <= 0)
            return CliCatalogConnection::usageError(command, QStringLiteral("--template expects NAME:VERSION"));
    }
    QStringList slugs;
    for (const QString& value : parser.values(only))
        slugs += value.split(u',', Qt::SkipEmptyParts);

    return CliCatalogConnection::withShards(parser, [&](PgConnection& c, ShardConnections& shards) {
        const AdoptScan scan = AdoptScanner(c, shards).scan(request);
        QList<AdoptCandidate> chosen;
        for (const AdoptCandidate& candidate : scan.candidates) {
            if (slugs.isEmpty() ? candidate.listed : slugs.contains(candidate.slug))
                chosen.append(candidate);
        }
        for (const QString& slug : slugs) {
            if (std::none_of(chosen.cbegin(), chosen.cend(), [&](const AdoptCandidate& a) { return a.slug == slug; }))
                throw InputError(QStringLiteral("The scan of %1 proposes no tenant \"%2\" (one adopted already is "
                                                "in the catalog, no longer proposed): `tenantctl adopt scan --shard "
                                                "%1` lists what it proposes. Nothing was adopted.")
                                     .arg(scan.shard.name, slug));
        }
        if (chosen.isEmpty() && slugs.isEmpty()) {
            // Also what running an adoption again finds once it took effect (its answer lost).
            cliOut() << "Nothing to adopt on " << scan.shard.name
                     << ": the scan finds no tenant the application lists that the catalog does not own already.\n";
            cliOut().flush();
            return 0;
        }
        const QStringList preview = AdoptApplier::preview(scan, chosen, chosenTemplate);
        if (parser.isSet(plan)) {
            cliOut() << preview.join(u'\n') << '\n';
            cliOut().flush();
            return 0;
        }
        const QList<qint64> ids = AdoptApplier(c).apply(scan, chosen, chosenTemplate);
        cliOut() << "Adopted " << ids.size() << " tenant(s) on " << scan.shard.name << ":\n"
                 << preview.join(u'\n') << '\n';
        cliOut().flush();
        return 0;
    });
}

} // namespace

int runAdopt(const QStringList& args)
{
    const QString action = args.value(0);
    if (action == QLatin1String("scan"))
        return runScan(args.mid(1));
    if (action == QLatin1String("apply"))
        return runApply(args.mid(1));
    if (action == QLatin1String("--help") || action == QLatin1String("-h")) {
        cliOut() << "Usage: tenantctl adopt scan|apply --shard NAME ... (tenantctl adopt scan --help)\n";
        cliOut().flush();
        return 0;
    }
    return CliCatalogConnection::usageError(command, QStringLiteral("expected the action: scan or apply"));
}
