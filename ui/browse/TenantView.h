#pragma once

#include "browse/TenantAccess.h"
#include "browse/TenantObject.h"
#include "pg/ConnectionParams.h"

#include <QStringList>
#include <QWidget>

#include <memory>
#include <optional>

class BrowsePrompts;
class DataGrid;
class PgSession;
class QLabel;
class QLineEdit;
class QTabWidget;
class QTreeWidget;
class QTreeWidgetItem;
class TenantBanner;
class TenantReader;

// One tenant in a tab: the banner (TenantBanner), its objects (tables, views, materialized views,
// sequences, functions) with estimated rows and sizes, the structure of the selected one
// (columns, indexes, constraints, triggers, RLS policies), its rows (DataGrid), and, for schema
// and database tenants, what differs from the template it was made from (TemplateDrift).
// Objects are listed from pg_catalog in two queries on a read-only, tenant-scoped session.
class TenantView : public QWidget {
    Q_OBJECT
public:
    TenantView(TenantAccess access, ConnectionParams catalogParams, BrowsePrompts* prompts, QWidget* parent = nullptr);
    ~TenantView() override;

    const TenantAccess& access() const { return m_access; }
    TenantBanner* banner() const { return m_banner; }
    DataGrid* dataGrid() const { return m_grid; }
    const QList<TenantObject>& objects() const { return m_objects; }
    // Selects an object by name ("items", or "schema.items") and shows it. False when unknown.
    bool openObject(const QString& name);
    // "- ..." lines only the template has, "+ ..." only the tenant has; nullopt until compared.
    const std::optional<QStringList>& templateDifferences() const { return m_differences; }

signals:
    void objectsLoaded(int count);
    void templateCompared(const QStringList& differences);
    void failed(const QString& message);

private:
    void loadObjects();
    void compareWithTemplate();
    void showObjects();
    void showDifferences();
    void showObject(int index);
    void filterTree(const QString& text);

    TenantAccess m_access;
    ConnectionParams m_catalogParams;
    PgSession* m_session;
    std::shared_ptr<TenantReader> m_reader;
    QList<TenantObject> m_objects;
    std::optional<QList<TenantObject>> m_templateObjects;
    std::optional<QStringList> m_differences;
    QString m_driftProblem;
    TenantBanner* m_banner;
    QLineEdit* m_treeFilter;
    QTreeWidget* m_tree;
    QTreeWidgetItem* m_driftItem = nullptr;
    QTabWidget* m_tabs;
    QLabel* m_objectSummary;
    QTreeWidget* m_structure;
    DataGrid* m_grid;
    QLabel* m_message;
};
