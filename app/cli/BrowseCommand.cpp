#include "CliCatalogConnection.h"
#include "CliCommand.h"
#include "CliCommandLine.h"
#include "base/InputError.h"
#include "base/TerminalText.h"
#include "browse/BrowseTableLoader.h"
#include "browse/TenantOpenAudit.h"
#include "browse/TenantReader.h"
#include "catalog/FleetRoles.h"
#include "catalog/TenantLocator.h"
#include "rows/KeysetPager.h"
#include "rows/RowExportWriter.h"

#include <QFile>

// tenantctl browse <tenant> <table> [--limit N] [--after KEY] [--where COL OP VALUE]... [--json]:
// one page of a tenant's table through the same path as the GUI's grid: TenantLocator ->
// TenantReader (support role, checked, read-only, replica-routed, tenant-scoped) -> TenantOpenAudit
// -> KeysetPager.

namespace {

const QString Command = QStringLiteral("browse");
const QString Usage = QStringLiteral("browse <tenant> <table> [--limit N] [--after KEY] [--last] "
                                     "[--where COL OP VALUE]... [--sort COL [--desc]] [--json] [--reason TEXT]");

struct WhereArg {
    QString column;
    FilterOperator op;
    QString value;
};

// --where takes two or three words (is null / is not null need no value), which
// QCommandLineParser cannot express: they are taken out of the arguments first.
std::optional<QString> takeWhereArgs(QStringList& args, QList<WhereArg>& wheres)
{
    for (qsizetype i = 0; i < args.size();) {
        if (args[i] != QLatin1String("--where")) {
            ++i;
            continue;
        }
        if (i + 2 >= args.size())
            return QStringLiteral("--where needs a column, an operator and (except for is-null, is-not-null) a value");
        const std::optional<FilterOperator> op = FilterCondition::parseOperator(args[i + 2]);
        if (!op)
            return QStringLiteral("unknown operator '%1' (=, <>, <, >, <=, >=, contains, is-null, is-not-null)")
                .arg(args[i + 2]);
        WhereArg where{args[i + 1], *op, {}};
        qsizetype consumed = 3;
        if (FilterCondition{0, *op, {}}.needsValue()) {
            if (i + 3 >= args.size())
                return QStringLiteral("--where %1 %2 needs a value").arg(args[i + 1], args[i + 2]);
            where.value = args[i + 3];
            consumed = 4;
        }
        wheres << where;
        args.remove(i, consumed);
    }
    return std::nullopt;
}

// COPY's text format: NULL is \N; backslash, tab and line breaks are escaped; then whatever else
// could drive the terminal (ESC, direction overrides) as a visible escape.
QString copyText(const BrowsePage& page, int row, int column)
{
    if (page.isNull(row, column))
        return QStringLiteral("\\N");
    QString text = page.text(row, column);
    text.replace(u'\\', QLatin1String("\\\\")).replace(u'\t', QLatin1String("\\t"));
    text.replace(u'\n', QLatin1String("\\n")).replace(u'\r', QLatin1String("\\r"));
    return TerminalText::escaped(text);
}

void printTsv(const BrowseTable& table, const BrowsePage& page)
{
    QStringList names;
    for (const BrowseColumn& column : table.columns)
        names << TerminalText::escaped(column.name);
    cliOut() << names.join(u'\t') << '\n';
    for (int row = 0; row < page.rowCount(); ++row) {
        QStringList cells;
        for (int column = 0; column < page.columnCount(); ++column)
            cells << copyText(page, row, column);
        cliOut() << cells.join(u'\t') << '\n';
    }
    cliOut().flush();
}

void printJson(const BrowseTable& table, const BrowsePage& page)
{
    QFile out;
    if (!out.open(stdout, QIODevice::WriteOnly))
        throw InputError(QStringLiteral("Cannot write to standard output."));
    RowExportWriter writer(&out, RowExportWriter::Format::Json, table);
    writer.begin();
    writer.write(page);
    writer.end();
}

} // namespace

int runBrowse(const QStringList& arguments)
{
    QStringList args = arguments;
    QList<WhereArg> wheres;
    if (const std::optional<QString> problem = takeWhereArgs(args, wheres))
        return CliCatalogConnection::usageError(Command, *problem);

    const QString description = QStringLiteral(
        "Shows one page of a tenant's table or view, read-only, as the support role, from a replica\n"
        "that is not too far behind (else the primary). The tenant is a slug, display name, domain or\n"
        "URL. Pages follow the table's key: pass the key printed after a page as --after for the next.\n"
        "Opening a tenant is recorded in the catalog's audit log.\n\n"
        "--where COL OP VALUE (repeatable): OP is =, <>, <, >, <=, >=, contains, is-null, is-not-null.");
    const QCommandLineOption limit(QStringLiteral("limit"), QStringLiteral("Rows to show (default 50)."),
                                   QStringLiteral("N"), QStringLiteral("50"));
    const QCommandLineOption after(
        QStringLiteral("after"), QStringLiteral("Rows after this key (a value, or a JSON array for several columns)."),
        QStringLiteral("KEY"));
    const QCommandLineOption last(QStringLiteral("last"), QStringLiteral("The last rows instead of the first."));
    const QCommandLineOption sort(QStringLiteral("sort"), QStringLiteral("Order by this column (then by the key)."),
                                  QStringLiteral("COL"));
    const QCommandLineOption desc(QStringLiteral("desc"), QStringLiteral("Descending order."));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print a JSON array of objects."));
    const QCommandLineOption reason(QStringLiteral("reason"), QStringLiteral("Ticket or reason, for the audit log."),
                                    QStringLiteral("TEXT"));
    const QCommandLineOption maxLag(QStringLiteral("max-lag"),
                                    QStringLiteral("Read from a replica only if it lags less (seconds; default: the "
                                                   "catalog's max_lag_seconds)."),
                                    QStringLiteral("S"));
    const QCommandLineOption supportUser(QStringLiteral("support-user"),
                                         QStringLiteral("The read-only role to browse as (default: the fleet's "
                                                        "support role, as the catalog names it)."),
                                         QStringLiteral("ROLE"));
    const CliCommandLine parser(
        args,
        {.usage = Usage,
         .description = description,
         .arguments = {{QStringLiteral("tenant"), QStringLiteral("Slug, display name, domain or URL.")},
                       {QStringLiteral("table"), QStringLiteral("Table or view; schema.table for database tenants.")}},
         .options = {limit, after, last, sort, desc, json, reason, maxLag, supportUser},
         .argumentCount = 2,
         .argumentError = QStringLiteral("expected a tenant and a table")});
    bool ok = false;
    const int rows = parser.value(limit).toInt(&ok);
    if (!ok || rows < 1 || rows > KeysetPager::MaxLimit)
        return CliCatalogConnection::usageError(Command,
                                                QStringLiteral("--limit takes 1 to %1").arg(KeysetPager::MaxLimit));
    std::optional<double> lagLimit;
    if (parser.isSet(maxLag)) {
        lagLimit = parser.value(maxLag).toDouble(&ok);
        if (!ok || *lagLimit < 0)
            return CliCatalogConnection::usageError(Command, QStringLiteral("--max-lag takes a number of seconds"));
    }
    if (parser.isSet(after) && parser.isSet(last))
        return CliCatalogConnection::usageError(Command, QStringLiteral("--after and --last exclude each other"));

    return CliCatalogConnection::withConnection(parser, [&](PgConnection& catalog) {
        TenantAccess access;
        access.target = TenantLocator::locate(catalog, parser.positionalArguments().at(0));
        access.supportParams = TenantAccess::supportParamsFrom(
            CliCatalogConnection::params(parser),
            parser.isSet(supportUser) ? parser.value(supportUser) : FleetRoles::load(catalog).support);
        access.maxLagSeconds = lagLimit;

        // Connected first: the support role is checked (it must not be able to write) before the
        // opening is recorded under its name, and recorded before anything is read.
        PgConnection c;
        TenantReader reader(access);
        reader.connect(c);
        TenantOpenAudit::record(catalog, access, parser.value(reason), QStringLiteral("tenantctl"));
        const QString tableName = parser.positionalArguments().at(1);
        const BrowseTable table = reader.read(c, [&] {
            return BrowseTableLoader::load(c, reader.scope(), BrowseTableLoader::find(c, reader.scope(), tableName));
        });

        BrowseQuery query;
        for (const WhereArg& w : wheres) {
            const int column = table.columnIndex(w.column);
            if (column < 0)
                throw InputError(QStringLiteral("%1 has no column \"%2\".").arg(table.displayName(), w.column));
            query.filters << FilterCondition{column, w.op, w.value};
        }
        if (parser.isSet(sort)) {
            query.sortColumn = table.columnIndex(parser.value(sort));
            if (query.sortColumn < 0)
                throw InputError(
                    QStringLiteral("%1 has no column \"%2\".").arg(table.displayName(), parser.value(sort)));
        }
        query.descending = parser.isSet(desc);
        const KeysetPager pager(table, query);

        PageRequest request;
        request.limit = rows;
        if (parser.isSet(after)) {
            request.from = PageRequest::From::After;
            request.anchor = pager.parseKey(parser.value(after));
        } else if (parser.isSet(last)) {
            request.from = PageRequest::From::End;
        }
        const BrowsePage page = reader.read(c, [&] {
            reader.scope().checkRelation(c, table.oid, table.schema, table.name);
            return pager.fetch(c, request);
        });

        if (parser.isSet(json))
            printJson(table, page);
        else
            printTsv(table, page);
        const TenantDetails& t = access.target.tenant;
        cliErr() << "-- " << page.rowCount() << (page.rowCount() == 1 ? " row" : " rows") << " of "
                 << TerminalText::escaped(table.displayName()) << " for " << t.slug << " (" << toString(t.model) << ", "
                 << t.shard.name << ") from " << reader.route().text() << ", read-only";
        if (!reader.route().note.isEmpty())
            cliErr() << " (" << TerminalText::escaped(reader.route().note) << ')';
        cliErr() << "; ordered by ";
        if (query.sortColumn >= 0)
            cliErr() << TerminalText::escaped(table.columns[query.sortColumn].name)
                     << (query.descending ? " descending" : "") << ", then by ";
        cliErr() << TerminalText::escaped(table.keyDescription());
        if (page.isCutShort())
            cliErr() << "; the page stopped at " << (PageRequest::DefaultMaxBytes >> 20) << " MiB";
        if ((page.rowCount() == rows || page.isCutShort()) && request.from != PageRequest::From::End)
            cliErr() << "; next page: --after '" << TerminalText::escaped(KeysetPager::keyText(page.lastKey())) << '\'';
        cliErr() << '\n';
        cliErr().flush();
        return 0;
    });
}
