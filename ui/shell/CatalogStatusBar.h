#pragma once

#include "catalog/CatalogInfo.h"

#include <QStatusBar>

class BusyIndicator;
class QLabel;

// The main window's status bar: which catalog, server and role, the catalog version, how many
// tenants are loaded and shown, and the busy indicator with its Cancel button.
class CatalogStatusBar : public QStatusBar {
    Q_OBJECT
public:
    explicit CatalogStatusBar(QWidget* parent = nullptr);

    void showCatalog(const QString& displayName, const CatalogInfo& info);
    void clearCatalog();
    // shown: rows the filter keeps; loaded: rows in memory; total: the catalog's count.
    void setTenantCounts(int shown, int loaded, qint64 total, bool complete);
    // Work running on the server, or empty when idle.
    void setActivity(const QString& what);

signals:
    void cancelRequested();

private:
    QLabel* addLabel(const QString& objectName);

    QLabel* m_catalog;
    QLabel* m_server;
    QLabel* m_role;
    QLabel* m_version;
    QLabel* m_tenants;
    BusyIndicator* m_busy;
};
