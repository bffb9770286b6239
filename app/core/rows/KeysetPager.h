#pragma once

#include "pg/PgConnection.h"
#include "rows/BrowsePage.h"
#include "rows/BrowseTable.h"
#include "rows/PageRequest.h"
#include "rows/SqlSelect.h"

#include <optional>

// Reads pages of a relation by keyset: WHERE (sort column, key...) > (the anchor row's values)
// ORDER BY sort column, key... LIMIT n, so every page costs about the same, first, next, last or
// at a key. The key is the primary key, a unique NOT NULL key, or ctid (BrowseTable::KeyKind);
// views page by position. A nullable sort column keeps its NULLs last ascending, first
// descending, as PostgreSQL orders them, and the keyset conditions follow that order.
//
// SQL is assembled by SqlSelect from quoted identifiers, fixed operators and $n placeholders for
// every value (cast to the column's type by name, without its modifier); no name passes through
// a template or lands in a comment, and nothing the user typed is spliced. Runs inside a scoped
// read. One pager serves one query on one thread at a time (it caches its quoted parts).
class KeysetPager {
public:
    static constexpr int MaxLimit = 10000;

    // Throws InputError for a filter or sort the columns do not allow.
    KeysetPager(BrowseTable table, BrowseQuery query);

    BrowsePage fetch(PgConnection& c, const PageRequest& request) const;
    // The planner's estimate for the filtered rows (EXPLAIN), at once.
    double estimateCount(PgConnection& c) const;
    // count(*) of the filtered rows: may take long; cancel with PQcancel.
    qint64 exactCount(PgConnection& c) const;

    const BrowseTable& table() const { return m_table; }
    const BrowseQuery& query() const { return m_query; }
    // Parses a key typed by a user ("42", or a JSON array for several columns) into a RowKey.
    RowKey parseKey(const QString& text) const;
    // A RowKey as a user would type it back (the inverse of parseKey).
    static QString keyText(const RowKey& key);

private:
    static constexpr int RowLocationTerm = -1; // ctid, selected after the columns

    // What every statement of this pager shares, quoted once (PQescapeIdentifier needs a
    // connection, so on first use): a page costs no more client time than the query needs.
    struct Parts {
        QStringList columns; // the select list (with ctid when it orders the rows)
        QString relation;    // schema.table
        QStringList filters; // the filter conditions, with $1..$n for filterParams
        PgParams filterParams;
        QStringList terms;     // the ordering terms
        QStringList termTypes; // the type each term's anchor value is cast to
    };

    const Parts& parts(PgConnection& c) const;
    bool termNullable(int term) const;
    QString keysetSql(const Parts& p, const PageRequest& request, bool descending, PgParams& params) const;
    QString seekSql(const Parts& p, const QString& value, bool descending, PgParams& params) const;
    QStringList orderSql(const Parts& p, bool descending) const;
    // SELECT the columns FROM the relation WHERE the filters hold.
    SqlSelect filtered(const Parts& p) const;
    BrowsePage fetchByPosition(PgConnection& c, const PageRequest& request) const;
    // Keyset paging advances only when a key's text, sent back, means the same key: the rows
    // after (before) the anchor never include it. When they do (a type printed with less than
    // it holds), every next page would start over: throws instead of looping.
    void requireProgress(const PgResult& result, const RowKey& anchor) const;
    RowKey keyOf(const PgResult& result, int row) const;

    BrowseTable m_table;
    BrowseQuery m_query;
    QList<int> m_terms; // the ordering: column indexes, or RowLocationTerm
    mutable std::optional<Parts> m_parts;
};
