#include "CliCatalogConnection.h"
#include "CliCommand.h"
#include "TenantAdminCommands.h"
#include "base/TerminalText.h"
#include "catalog/CatalogClient.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimeZone>

#include <array>

// tenantctl tenants list [--json] [--filter TEXT]: the same TenantTable the GUI lists and
// filters, loaded by the same CatalogClient::loadTenants().

namespace {

constexpr std::array<TenantTable::Column, TenantTable::ColumnCount> Columns{TenantTable::Slug,  TenantTable::Name,
                                                                            TenantTable::Model, TenantTable::Shard,
                                                                            TenantTable::State, TenantTable::Created};

QVector<int> listedRows(const TenantTable& table, const QString& filter)
{
    const std::vector<bool> keep = table.matches(filter);
    QVector<int> rows;
    rows.reserve(table.size());
    for (int row = 0; row < table.size(); ++row) {
        if (keep[size_t(row)])
            rows.append(row);
    }
    return rows;
}

// One object per line inside the array, written as it goes rather than built whole first.
void printJson(const TenantTable& table, const QVector<int>& rows)
{
    QTextStream& out = cliOut();
    out << '[';
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const int row = rows[i];
        const QJsonObject tenant{
            {QStringLiteral("id"), table.id(row)},
            {QStringLiteral("slug"), table.slug(row)},
            {QStringLiteral("name"), table.name(row)},
            {QStringLiteral("model"), toString(table.model(row))},
            {QStringLiteral("shard"), table.shardName(row)},
            {QStringLiteral("state"), toString(table.state(row))},
            {QStringLiteral("created"),
             QDateTime::fromSecsSinceEpoch(table.createdSecs(row), QTimeZone::utc()).toString(Qt::ISODate)},
        };
        out << (i == 0 ? "\n" : ",\n") << QString::fromUtf8(QJsonDocument(tenant).toJson(QJsonDocument::Compact));
    }
    out << (rows.isEmpty() ? "]\n" : "\n]\n");
}

void printTable(const TenantTable& table, const QVector<int>& rows)
{
    std::array<qsizetype, TenantTable::ColumnCount> width{};
    for (TenantTable::Column column : Columns)
        width[column] = TenantTable::columnTitle(column).size();
    // Names come from the catalog, where any writer may have put anything: shown inert.
    auto cellText = [&](int row, TenantTable::Column column) { return TerminalText::escaped(table.text(row, column)); };
    for (int row : rows) {
        for (TenantTable::Column column : Columns)
            width[column] = std::max(width[column], cellText(row, column).size());
    }
    QTextStream& out = cliOut();
    auto printRow = [&](auto cell) {
        for (TenantTable::Column column : Columns) {
            const QString text = cell(column);
            out << text;
            if (column + 1 < TenantTable::ColumnCount)
                out << QString(width[column] - text.size() + 2, u' ');
        }
        out << '\n';
    };
    printRow([](TenantTable::Column column) { return TenantTable::columnTitle(column).toUpper(); });
    for (int row : rows)
        printRow([&](TenantTable::Column column) { return cellText(row, column); });
}

} // namespace

static int runTenantsList(const QStringList& args)
{
    const QCommandLineOption json(QStringLiteral("json"),
                                  QStringLiteral("Print a JSON array of objects (id, slug, name, model, shard, state, "
                                                 "created) instead of a table."));
    const QCommandLineOption filter(QStringLiteral("filter"),
                                    QStringLiteral("Only tenants of which some column contains text, ignoring case."),
                                    QStringLiteral("text"));
    QCommandLineParser parser;
    if (auto exit = CliCatalogConnection::parse(
            parser, args,
            {.usage = QStringLiteral("tenants list [--json] [--filter TEXT]"),
             .description = QStringLiteral("Lists the tenants of the catalog, by slug."),
             .options = {json, filter},
             .argumentCount = 0,
             .argumentError = QStringLiteral("list takes no argument")}))
        return *exit;

    return CliCatalogConnection::withConnection(parser, [&](PgConnection& c) {
        const TenantTable table = CatalogClient::loadTenants(c);
        const QVector<int> rows = listedRows(table, parser.value(filter));
        if (parser.isSet(json))
            printJson(table, rows);
        else
            printTable(table, rows);
        cliOut().flush();
        return 0;
    });
}

int runTenants(const QStringList& args)
{
    // The admin actions live in TenantAdminCommands.cpp.
    static const CliActions actions{
        {QStringLiteral("list"), runTenantsList},       {QStringLiteral("create"), runTenantsCreate},
        {QStringLiteral("suspend"), runTenantsSuspend}, {QStringLiteral("resume"), runTenantsResume},
        {QStringLiteral("edit"), runTenantsEdit},       {QStringLiteral("archive"), runTenantsArchive},
        {QStringLiteral("delete"), runTenantsDelete},   {QStringLiteral("batch"), runTenantsBatch},
        {QStringLiteral("upgrade"), runTenantsUpgrade}, {QStringLiteral("versions"), runTenantsVersions}};
    return CliCatalogConnection::dispatch(QStringLiteral("tenants"), args, actions);
}
