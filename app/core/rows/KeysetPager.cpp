#include "rows/KeysetPager.h"

#include "base/InputError.h"
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {

// A comparison by PostgreSQL's own operator. Unqualified, "a > b" on a tenant's enum or domain
// column would resolve to an operator the tenant's owner defined for that type (an exact match
// beats pg_catalog's polymorphic one) and run its function as the support role.
QString builtIn(const QString& op)
{
    return QStringLiteral(" OPERATOR(pg_catalog.%1) ").arg(op);
}

} // namespace

KeysetPager::KeysetPager(BrowseTable table, BrowseQuery query)
    : m_table(std::move(table))
    , m_query(std::move(query))
{
    m_query.filters = m_table.scopeFilters + m_query.filters;
    for (const FilterCondition& f : m_query.filters) {
        if (f.column < 0 || f.column >= m_table.columns.size())
            throw InputError(QStringLiteral("The filter names a column this table does not have."));
        const QString problem = f.problem(m_table.columns[f.column]);
        if (!problem.isEmpty())
            throw InputError(problem);
    }
    const int sort = m_query.sortColumn;
    if (sort >= m_table.columns.size() || (sort >= 0 && !m_table.columns[sort].orderable))
        throw InputError(QStringLiteral("This column cannot be sorted: its type has no ordering."));
    const bool sortIsKey = sort >= 0 && m_table.keyColumns == QList<int>{sort};
    if (sort >= 0 && !sortIsKey)
        m_terms << sort;
    switch (m_table.keyKind) {
    case BrowseTable::KeyKind::Primary:
    case BrowseTable::KeyKind::Unique:
        m_terms << m_table.keyColumns;
        break;
    case BrowseTable::KeyKind::RowLocation:
        m_terms << RowLocationTerm;
        break;
    case BrowseTable::KeyKind::Position:
        // No key: every orderable column makes the order as deterministic as the data allows.
        for (int i = 0; i < m_table.columns.size(); ++i) {
            if (i != sort && m_table.columns[i].orderable)
                m_terms << i;
        }
        break;
    }
}

bool KeysetPager::termNullable(int term) const
{
    return term != RowLocationTerm && !m_table.columns[term].notNull;
}

const KeysetPager::Parts& KeysetPager::parts(PgConnection& c) const
{
    if (m_parts)
        return *m_parts;
    Parts p;
    p.relation = c.quoteIdentifier(m_table.schema) + u'.' + c.quoteIdentifier(m_table.name);
    QStringList types;
    QStringList compared; // a domain column cast to its base type: PostgreSQL's operators take that
    for (const BrowseColumn& column : m_table.columns) {
        p.columns << c.quoteIdentifier(column.name);
        types << c.quoteIdentifier(column.typeSchema) + u'.' + c.quoteIdentifier(column.typeName);
        compared << (column.isDomain ? p.columns.last() + QStringLiteral("::") + types.last() : p.columns.last());
    }
    for (int term : m_terms) {
        p.terms << (term == RowLocationTerm ? QStringLiteral("ctid") : compared[term]);
        p.termTypes << (term == RowLocationTerm ? QStringLiteral("pg_catalog.tid") : types[term]);
    }
    if (m_terms.contains(RowLocationTerm))
        p.columns << QStringLiteral("ctid");

    for (const FilterCondition& f : m_query.filters) {
        const QString& name = compared[f.column];
        switch (f.op) {
        case FilterOperator::IsNull:
            p.filters << name + QStringLiteral(" IS NULL");
            break;
        case FilterOperator::IsNotNull:
            p.filters << name + QStringLiteral(" IS NOT NULL");
            break;
        case FilterOperator::Contains:
            // format() prints by the type's output function; a cast to text could be the tenant's own.
            p.filters << QStringLiteral("pg_catalog.format('%s', ") + name + u')' + builtIn(QStringLiteral("~~*"))
                             + SqlSelect::bind(p.filterParams, f.containsPattern(), QStringLiteral("text"));
            break;
        default:
            p.filters << name + builtIn(FilterCondition::symbol(f.op))
                             + SqlSelect::bind(p.filterParams, f.value, types[f.column]);
            break;
        }
    }
    m_parts = std::move(p);
    return *m_parts;
}

SqlSelect KeysetPager::filtered(const Parts& p) const
{
    SqlSelect select;
    select.select(p.columns).from(p.relation).where(p.filters);
    return select;
}

QString KeysetPager::keysetSql(const Parts& p, const PageRequest& r, bool descending, PgParams& params) const
{
    if (r.anchor.size() != m_terms.size())
        throw InputError(
            QStringLiteral("The key has %1 values; this ordering needs %2.").arg(r.anchor.size()).arg(m_terms.size()));
    const QString op = builtIn(descending ? QStringLiteral("<") : QStringLiteral(">"));
    auto rowOf = [&](int from) -> QString {
        QStringList terms, values;
        for (int i = from; i < m_terms.size(); ++i) {
            terms << p.terms[i];
            values << SqlSelect::bind(params, r.anchor[i], p.termTypes[i]);
        }
        return u'(' + terms.join(QStringLiteral(", ")) + u')' + op + u'(' + values.join(QStringLiteral(", ")) + u')';
    };
    if (!termNullable(m_terms.first()))
        return rowOf(0);
    // A nullable sort column (always followed by the key): NULLs sort after every value
    // ascending and before them descending, and the conditions follow that order.
    const QString& lead = p.terms.first();
    if (!r.anchor.first().isNull()) {
        if (descending)
            return rowOf(0);
        return u'(' + rowOf(0) + QStringLiteral(" OR ") + lead + QStringLiteral(" IS NULL)");
    }
    if (descending)
        return u'(' + lead + QStringLiteral(" IS NOT NULL OR ") + rowOf(1) + u')';
    return u'(' + lead + QStringLiteral(" IS NULL AND ") + rowOf(1) + u')';
}

QString KeysetPager::seekSql(const Parts& p, const QString& value, bool descending, PgParams& params) const
{
    const QString& lead = p.terms.first();
    const QString bound = lead + builtIn(descending ? QStringLiteral("<=") : QStringLiteral(">="))
                          + SqlSelect::bind(params, value, p.termTypes.first());
    if (descending || !termNullable(m_terms.first()))
        return bound;
    return u'(' + bound + QStringLiteral(" OR ") + lead + QStringLiteral(" IS NULL)");
}

QStringList KeysetPager::orderSql(const Parts& p, bool descending) const
{
    QStringList terms;
    for (const QString& term : p.terms)
        terms << term + (descending ? QStringLiteral(" DESC") : QStringLiteral(" ASC"));
    return terms;
}

RowKey KeysetPager::keyOf(const PgResult& result, int row) const
{
    RowKey key;
    for (int term : m_terms) {
        const int column = term == RowLocationTerm ? int(m_table.columns.size()) : term;
        key << (result.isNull(row, column) ? QVariant() : QVariant(result.bytes(row, column).toByteArray()));
    }
    return key;
}

BrowsePage KeysetPager::fetch(PgConnection& c, const PageRequest& request) const
{
    if (request.limit <= 0 || request.limit > MaxLimit)
        throw InputError(QStringLiteral("A page holds 1 to %1 rows.").arg(MaxLimit));
    if (m_table.keyKind == BrowseTable::KeyKind::Position)
        return fetchByPosition(c, request);

    const Parts& p = parts(c);
    const bool descending = m_query.descending != request.backward();
    PgParams params = p.filterParams;
    SqlSelect select = filtered(p);
    if (request.from == PageRequest::From::After || request.from == PageRequest::From::Before)
        select.where(keysetSql(p, request, descending, params));
    else if (request.from == PageRequest::From::Seek)
        select.where(seekSql(p, request.seekValue, descending, params));
    select.orderBy(orderSql(p, descending)).limit(SqlSelect::bind(params, request.limit));

    const PgResult result = c.exec(select.sql(), params);
    if (request.from == PageRequest::From::After || request.from == PageRequest::From::Before)
        requireProgress(result, request.anchor);
    BrowsePage page(result, int(m_table.columns.size()),
                    request.backward() ? BrowsePage::Read::Backward : BrowsePage::Read::Forward, request.maxBytes);
    if (page.rowCount() > 0) {
        // The rows kept are the first ones read; a backward read is flipped back.
        const int nearest = 0;
        const int farthest = page.rowCount() - 1;
        if (request.backward())
            page.setKeys(keyOf(result, farthest), keyOf(result, nearest));
        else
            page.setKeys(keyOf(result, nearest), keyOf(result, farthest));
    }
    return page;
}

void KeysetPager::requireProgress(const PgResult& result, const RowKey& anchor) const
{
    QList<QByteArray> anchorBytes;
    for (const QVariant& value : anchor)
        anchorBytes << value.toByteArray();
    for (int row = 0; row < result.rows(); ++row) {
        bool same = true;
        for (int i = 0; i < m_terms.size() && same; ++i) {
            const int column = m_terms[i] == RowLocationTerm ? int(m_table.columns.size()) : m_terms[i];
            same = result.isNull(row, column) ? anchor[i].isNull()
                                              : !anchor[i].isNull() && result.bytes(row, column) == anchorBytes[i];
        }
        if (same)
            throw PgError(PgError::Kind::Query,
                          QStringLiteral("Paging %1 stopped: the key did not advance past %2 (the server prints its "
                                         "values with less than they hold, so the next page would start over).")
                              .arg(m_table.displayName(), keyText(anchor)));
    }
}

BrowsePage KeysetPager::fetchByPosition(PgConnection& c, const PageRequest& request) const
{
    qint64 offset = 0;
    qint64 limit = request.limit;
    switch (request.from) {
    case PageRequest::From::Start:
        break;
    case PageRequest::From::After:
        offset = request.anchor.value(0).toLongLong() + 1;
        break;
    case PageRequest::From::Before: {
        const qint64 first = request.anchor.value(0).toLongLong();
        offset = qMax<qint64>(0, first - limit);
        limit = first - offset;
        break;
    }
    case PageRequest::From::End:
        offset = qMax<qint64>(0, exactCount(c) - limit);
        break;
    case PageRequest::From::Seek:
        throw InputError(
            QStringLiteral("%1 has no key to jump to; scroll or filter instead.").arg(m_table.displayName()));
    }
    if (limit <= 0)
        return {};
    const Parts& p = parts(c);
    PgParams params = p.filterParams;
    SqlSelect select = filtered(p);
    select.orderBy(orderSql(p, m_query.descending));
    select.limit(SqlSelect::bind(params, limit)).offset(SqlSelect::bind(params, offset));
    const PgResult result = c.exec(select.sql(), params);
    const bool endingAtAnchor = request.backward();
    BrowsePage page(result, int(m_table.columns.size()),
                    endingAtAnchor ? BrowsePage::Read::EndingAtAnchor : BrowsePage::Read::Forward, request.maxBytes);
    if (page.rowCount() > 0) {
        const qint64 first = endingAtAnchor ? offset + result.rows() - page.rowCount() : offset;
        page.setKeys({first}, {first + page.rowCount() - 1});
    }
    return page;
}

double KeysetPager::estimateCount(PgConnection& c) const
{
    // The planner's estimate includes row-level security, so a shared tenant's estimate is its own.
    const Parts& p = parts(c);
    SqlSelect select;
    select.explain(QStringLiteral("(FORMAT JSON)")).from(p.relation).where(p.filters);
    const PgResult r = c.exec(select.sql(), p.filterParams);
    const QJsonDocument plan = QJsonDocument::fromJson(r.bytes(0, 0).toByteArray());
    return plan.array()
        .at(0)
        .toObject()
        .value(QLatin1String("Plan"))
        .toObject()
        .value(QLatin1String("Plan Rows"))
        .toDouble();
}

qint64 KeysetPager::exactCount(PgConnection& c) const
{
    const Parts& p = parts(c);
    SqlSelect select;
    select.select({QStringLiteral("count(*)")}).from(p.relation).where(p.filters);
    return c.exec(select.sql(), p.filterParams).toInt(0, 0);
}

RowKey KeysetPager::parseKey(const QString& text) const
{
    RowKey key;
    const QString trimmed = text.trimmed();
    if (m_terms.size() == 1 && !trimmed.startsWith(u'[')) {
        key << trimmed.toUtf8();
        return key;
    }
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(trimmed.toUtf8(), &error);
    if (!doc.isArray() || doc.array().size() != m_terms.size())
        throw InputError(
            QStringLiteral("Give the key as a JSON array of %1 values, e.g. [\"a\", 1].").arg(m_terms.size()));
    for (const QJsonValue& v : doc.array()) {
        if (v.isNull())
            key << QVariant();
        else if (v.isString())
            key << v.toString().toUtf8();
        else
            key << QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact).mid(1).chopped(1);
    }
    return key;
}

QString KeysetPager::keyText(const RowKey& key)
{
    if (key.size() == 1 && !key.first().isNull() && !key.first().toByteArray().startsWith('['))
        return QString::fromUtf8(key.first().toByteArray());
    QJsonArray array;
    for (const QVariant& v : key)
        array.append(v.isNull() ? QJsonValue() : QJsonValue(QString::fromUtf8(v.toByteArray())));
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}
