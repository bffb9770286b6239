#pragma once

#include "metrics/MetricSample.h"
#include "metrics/MetricTarget.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QVarLengthArray>

// The noisy neighbours: the tenants with the most tuples read and written per second, summed over
// the endpoints of their shard, from the latest rates each endpoint reported. Samples update the
// rates; refresh() recomputes the top rows, once per frame rather than once per sample, and only
// when a sample brought tenant rates. Sized for 100,000 tenants: no allocation per tenant and
// sample, and a bounded selection of the top rows rather than a sort of all of them.
class HotTenantsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Tenant, Shard, Model, ReadPerSec, WrittenPerSec, TotalPerSec, ColumnCount };
    static constexpr int defaultLimit = 20; // rows shown

    explicit HotTenantsModel(QObject* parent = nullptr);

    void setTargets(const QList<MetricTarget>& targets);
    void addSample(const MetricSample& sample);
    // Forgets what a down endpoint reported: its load is not known any more.
    void forgetEndpoint(int endpointId);
    void refresh();

    // Shared-table tenants of the fleet: not measurable one by one.
    int unmeasurableCount() const { return m_unmeasurable; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    // No default member initializers: a nested type with them is not default-constructible
    // inside its enclosing class, which QVarLengthArray below needs.
    struct Load {
        double read;
        double written;
    };
    struct Entry {
        QString slug;
        QString shard;
        IsolationModel model;
        QVarLengthArray<std::pair<int, Load>, 2> byEndpoint; // a primary and a replica, usually
        Load total() const;
    };
    struct Row {
        QString slug;
        QString shard;
        IsolationModel model;
        Load load;
    };

    QHash<int, QString> m_shardOfEndpoint;
    QHash<QString, Entry> m_entries; // by slug, unique in the catalog
    QList<Row> m_rows;
    const int m_limit = defaultLimit;
    bool m_dirty = false; // rates changed since the last refresh()
    int m_unmeasurable = 0;
};
