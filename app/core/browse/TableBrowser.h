#pragma once

#include "browse/BrowseRoute.h"
#include "browse/TenantAccess.h"
#include "pg/Generation.h"
#include "pg/PgSession.h"
#include "rows/BrowseTableModel.h"

#include <atomic>
#include <memory>

class KeysetPager;
class TenantReader;

// Serves a BrowseTableModel from a tenant's server: opens a relation, answers the model's page
// requests on a PgSession of its own (skipping requests that went stale before they started),
// estimates the row count after the first page of every restart (EXPLAIN) and counts exactly on request
// on a second session, which cancel() interrupts with PQcancel. Every read goes through
// TenantReader: read-only, tenant-scoped, replica-routed; the relation is re-checked in every
// read (TenantScope::checkRelation), since its owner may change what it reaches meanwhile.
class TableBrowser : public QObject {
    Q_OBJECT
public:
    TableBrowser(TenantAccess access, BrowseTableModel* model, QObject* parent = nullptr);
    ~TableBrowser() override;

    // Connects (first time), loads the relation's columns and key, and shows its first rows.
    // Until it has, the model shows no rows: none of the relation shown before.
    void open(quint32 relation);
    // Shows no relation: the model is emptied and an open still on its way is dropped.
    void close();
    void countExactly();
    // Interrupts the exact count in progress (PQcancel).
    void cancelCount();
    // Interrupts the page and count queries in progress.
    void cancel();
    bool isCounting() const { return m_countRunning; }

signals:
    void opened(const BrowseTable& table);
    void failed(const QString& message);
    void routeChanged(const BrowseRoute& route);
    // The number of rows the query matches: an estimate (exact = false) or a count.
    void countChanged(double rows, bool exact);
    void countFailed(const QString& message);
    void countingChanged(bool counting);

private:
    struct PageReply {
        BrowsePage page;
        BrowseRoute route;
        bool skipped = false;
    };

    void requestPage(const PageRequest& request);
    // The pager of the model's current query, made once per window (it caches its SQL).
    std::shared_ptr<const KeysetPager> pager(const PageRequest& request);
    void estimateCount();
    void setRoute(const BrowseRoute& route);

    TenantAccess m_access;
    BrowseTableModel* m_model;
    PgSession* m_pages;
    PgSession* m_counts = nullptr; // opened on the first exact count
    std::shared_ptr<TenantReader> m_pageReader;
    std::shared_ptr<TenantReader> m_countReader;
    std::shared_ptr<const KeysetPager> m_pager;
    quint64 m_pagerGeneration = 0;
    Generation m_opens; // the latest open() or close(); earlier opens' replies are dropped
    // The model's generation, read by jobs on the worker to skip requests that went stale.
    std::shared_ptr<std::atomic<quint64>> m_generation;
    BrowseRoute m_route;
    Generation m_countRequests; // a new window or close() drops the counts of the old one
    bool m_countRunning = false;
    bool m_estimatePending = false; // after the first page of a new window
};
