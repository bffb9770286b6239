#pragma once

#include "catalog/TenantEnums.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QVector>

#include <vector>

// Every tenant of a catalog in a compact, column-oriented form: a fixed 32-byte row plus the
// UTF-8 text of slug and name in one arena, and a lower-cased search text in another. Built on a
// worker thread, moved to the GUI thread whole. 100,000 tenants take about 12 MB.
class TenantTable {
public:
    enum Column { Slug, Name, Model, Shard, State, Created, ColumnCount };

    struct ShardEntry {
        int id;
        QString name;
    };

    int size() const { return int(m_rows.size()); }
    bool isEmpty() const { return m_rows.empty(); }

    void reserve(int rows, qsizetype textBytes);
    // Shards are registered before the tenants that reference them.
    void addShard(int id, const QString& name);
    const QList<ShardEntry>& shards() const { return m_shards; }
    void append(qint64 id, QByteArrayView slug, QByteArrayView name, IsolationModel model, int shardId,
                TenantState state, qint64 createdSecsSinceEpoch);
    // Appends the rows of a later page of the same catalog (same shards).
    void appendRows(const TenantTable& other);

    qint64 id(int row) const { return m_rows[size_t(row)].id; }
    QString slug(int row) const;
    QString name(int row) const;
    IsolationModel model(int row) const { return IsolationModel(m_rows[size_t(row)].model); }
    TenantState state(int row) const { return TenantState(m_rows[size_t(row)].state); }
    int shardId(int row) const { return m_shards[m_rows[size_t(row)].shardSlot].id; }
    const QString& shardName(int row) const { return m_shards[m_rows[size_t(row)].shardSlot].name; }
    qint64 createdSecs(int row) const { return m_rows[size_t(row)].created; }
    // Display text of one cell; Created as "yyyy-MM-dd HH:mm" in UTC.
    QString text(int row, Column column) const;
    static QString columnTitle(Column column);

    // Rows, in the order of candidates, of which some column contains needle, ignoring case.
    QVector<int> filter(const QString& needle, const QVector<int>& candidates) const;
    // For every row, whether some column contains needle: one pass over the whole search text.
    std::vector<bool> matches(const QString& needle) const;
    // Sorts row indices by a column; ties keep slug order.
    void sort(QVector<int>& rows, Column column, Qt::SortOrder order) const;

    // Heap bytes held by this table.
    qsizetype memoryBytes() const;

private:
    struct Row {
        qint64 id;
        qint64 created;
        quint32 textOffset;   // slug then name, in m_text
        quint32 searchOffset; // lower(slug) \1 lower(name) \1 created text \n, in m_search
        quint16 nameLength;
        quint8 slugLength;
        quint8 model;
        quint8 state;
        quint8 reserved = 0;
        quint16 shardSlot;
    };
    static_assert(sizeof(Row) == 32);

    QByteArrayView slugUtf8(int row) const;
    QByteArrayView nameUtf8(int row) const;
    QByteArrayView searchText(int row) const;
    // Enum-valued columns (model, state, shard) match by value, decided once per needle.
    struct ValueMatches {
        bool model[IsolationModelCount] = {};
        bool state[TenantStateCount] = {};
        std::vector<bool> shard;
    };
    ValueMatches valueMatches(const QByteArray& needle) const;
    bool valueMatch(const ValueMatches& m, const Row& row) const;

    std::vector<Row> m_rows;
    QByteArray m_text;
    QByteArray m_search;
    QList<ShardEntry> m_shards;
};
