#pragma once

#include "browse/BrowseRoute.h"
#include "browse/TenantAccess.h"
#include "rows/BrowseTable.h"

#include <QPointer>
#include <QWidget>

class BrowsePrompts;
class BrowseTableModel;
class ElidedLabel;
class FilterBar;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableView;
class QToolButton;
class TableBrowser;
class TableExporter;

// The rows of one of a tenant's tables: a windowed keyset grid (BrowseTableModel served by
// TableBrowser) with First / Last / jump to a key, sorting by any orderable column (click a
// header), the typed filter builder, shown and hidden columns, a cell viewer (double-click),
// copying cells or rows as TSV (Ctrl+C, Ctrl+Shift+C with the header), the estimated count at
// once and an exact count on request, and export of the filtered rows to CSV or JSON streamed to
// disk. The status line names the endpoint and its lag. All of it read-only on the server.
class DataGrid : public QWidget {
    Q_OBJECT
public:
    DataGrid(TenantAccess access, BrowsePrompts* prompts, QWidget* parent = nullptr);
    ~DataGrid() override;

    void open(quint32 relation);
    // Shows why the selected relation's rows are not shown, instead of any rows.
    void showRefusal(const QString& reason);
    // Exports what the current filter matches to path (.json: JSON, else CSV), replacing a file the
    // user chose to replace in the save dialog.
    void exportTo(const QString& path);
    void cancelExport();
    void countExactly();

    BrowseTableModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }
    FilterBar* filterBar() const { return m_filters; }
    const BrowseTable& table() const;
    QString statusText() const;
    bool isExporting() const { return !m_exporter.isNull(); }

signals:
    void routeChanged(const BrowseRoute& route);
    void exportFinished(const QString& path, qint64 rows);
    void exportFailed(const QString& message);

private:
    QWidget* buildToolBar();
    void tableOpened(const BrowseTable& table);
    void showMessage(const QString& text);
    void updateStatus();
    void rowsScrolled();
    void copySelection(bool header);
    void viewCell(const QModelIndex& index);
    void chooseExportFile();
    void rebuildColumnMenu();
    void fitColumns();

    TenantAccess m_access;
    BrowsePrompts* m_prompts;
    BrowseTableModel* m_model;
    TableBrowser* m_browser;
    QWidget* m_toolBar = nullptr;
    QPointer<TableExporter> m_exporter;
    FilterBar* m_filters;
    QTableView* m_view;
    QLineEdit* m_seek;
    QToolButton* m_columns;
    QPushButton* m_count;
    ElidedLabel* m_status;
    ElidedLabel* m_route;
    QLabel* m_message;
    QProgressBar* m_exportProgress;
    QPushButton* m_exportCancel;
    QString m_countText;
    bool m_countExact = false;
    bool m_showEndWhenLoaded = false; // Last: the view goes to the bottom once its rows are in  // m_countText is a
                                      // count, not the planner's estimate
    double m_rowsExpected = 0;        // the latest estimate or count, for the export's progress
    int m_topBeforeChange = -1;
    bool m_fitColumns = false; // once the first rows of a newly opened table are in
};
