#include "ui/browse/DataGrid.h"

#include "browse/TableBrowser.h"
#include "browse/TableExporter.h"
#include "rows/BrowseTableModel.h"
#include "rows/CellFormatter.h"
#include "ui/browse/BrowseCellDelegate.h"
#include "ui/browse/BrowsePrompts.h"
#include "ui/browse/CellViewerDialog.h"
#include "ui/browse/FilterBar.h"
#include "ui/common/ElidedLabel.h"

#include <QAction>
#include <QClipboard>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollBar>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <climits>

static QLabel* plainLabel(const QString& name, QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setObjectName(name);
    label->setTextFormat(Qt::PlainText);
    return label;
}

static ElidedLabel* elidedLabel(const QString& name, QWidget* parent)
{
    auto* label = new ElidedLabel(parent);
    label->setObjectName(name);
    return label;
}

DataGrid::DataGrid(TenantAccess access, BrowsePrompts* prompts, QWidget* parent)
    : QWidget(parent)
    , m_access(std::move(access))
    , m_prompts(prompts)
    , m_model(new BrowseTableModel(this))
    , m_browser(new TableBrowser(m_access, m_model, this))
    , m_filters(new FilterBar(this))
    , m_view(new QTableView(this))
    , m_seek(new QLineEdit(this))
    , m_columns(new QToolButton(this))
    , m_count(new QPushButton(tr("Count rows"), this))
    , m_status(elidedLabel(QStringLiteral("gridStatus"), this))
    , m_route(elidedLabel(QStringLiteral("gridRoute"), this))
    , m_message(plainLabel(QStringLiteral("gridMessage"), this))
    , m_exportProgress(new QProgressBar(this))
    , m_exportCancel(new QPushButton(tr("Cancel export"), this))
{
    setObjectName(QStringLiteral("dataGrid"));
    m_view->setObjectName(QStringLiteral("gridView"));
    m_view->setModel(m_model);
    m_view->setItemDelegate(new BrowseCellDelegate(m_view));
    m_view->setSortingEnabled(false); // sorting is a new keyset query: headers are wired by hand
    m_view->horizontalHeader()->setSortIndicatorShown(true);
    m_view->horizontalHeader()->setSectionsClickable(true);
    m_view->horizontalHeader()->setHighlightSections(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->setWordWrap(false);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_filters->hide();
    m_message->setStyleSheet(QStringLiteral("color: #c0392b;"));
    m_message->setWordWrap(true);
    m_message->hide();
    m_exportProgress->setObjectName(QStringLiteral("exportProgress"));
    m_exportProgress->hide();
    m_exportCancel->setObjectName(QStringLiteral("exportCancel"));
    m_exportCancel->hide();

    auto* copy = new QAction(tr("Copy"), m_view);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(copy, &QAction::triggered, this, [this] { copySelection(false); });
    auto* copyWithHeader = new QAction(tr("Copy with header"), m_view);
    copyWithHeader->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    copyWithHeader->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(copyWithHeader, &QAction::triggered, this, [this] { copySelection(true); });
    auto* viewCellAction = new QAction(tr("View cell…"), m_view);
    connect(viewCellAction, &QAction::triggered, this, [this] { viewCell(m_view->currentIndex()); });
    m_view->addActions({copy, copyWithHeader, viewCellAction});
    connect(m_view, &QTableView::doubleClicked, this, &DataGrid::viewCell);

    connect(m_view->horizontalHeader(), &QHeaderView::sectionClicked, this, [this](int column) {
        const BrowseQuery& q = m_model->query();
        const Qt::SortOrder order = (q.sortColumn == column && !q.descending) ? Qt::DescendingOrder
                                                                              : Qt::AscendingOrder;
        if (!m_model->table().columns.value(column).orderable) {
            showMessage(
                tr("%1 cannot be sorted: its type has no ordering.").arg(m_model->table().columns.value(column).name));
            return;
        }
        m_view->horizontalHeader()->setSortIndicator(column, order);
        m_model->sort(column, order);
    });
    connect(m_view->verticalScrollBar(), &QScrollBar::valueChanged, this, &DataGrid::rowsScrolled);
    // Rows added or shed above the viewport must not move what the user is looking at.
    connect(m_model, &QAbstractItemModel::rowsAboutToBeInserted, this, [this](const QModelIndex&, int first) {
        m_topBeforeChange = first == 0 ? m_view->verticalScrollBar()->value() : -1;
    });
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex&, int first, int last) {
        if (first == 0 && m_topBeforeChange >= 0 && m_model->rowCount() > last + 1) {
            m_view->doItemsLayout();
            m_view->verticalScrollBar()->setValue(m_topBeforeChange + last + 1);
        }
    });
    connect(m_model, &QAbstractItemModel::rowsAboutToBeRemoved, this, [this](const QModelIndex&, int first) {
        m_topBeforeChange = first == 0 ? m_view->verticalScrollBar()->value() : -1;
    });
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, [this](const QModelIndex&, int first, int last) {
        if (first == 0 && m_topBeforeChange >= 0) {
            m_view->doItemsLayout();
            m_view->verticalScrollBar()->setValue(qMax(0, m_topBeforeChange - (last + 1)));
        }
    });
    connect(m_model, &BrowseTableModel::windowChanged, this, [this] {
        // Fitted once the first rows are in, or to the header alone when there are none.
        if (m_fitColumns && (m_model->rowCount() > 0 || m_model->atEnd())) {
            m_fitColumns = false;
            fitColumns();
        }
        if (m_showEndWhenLoaded && m_model->rowCount() > 0) {
            m_showEndWhenLoaded = false;
            m_view->scrollToBottom();
        }
        m_message->hide();
        updateStatus();
        rowsScrolled();
    });
    connect(m_model, &BrowseTableModel::restarted, this, [this] {
        // A new window starts at its top (First, a key, a filter, a sort); the view must not keep
        // the scroll position of the old one.
        m_view->scrollToTop();
        m_countText = tr("counting…");
        m_countExact = false;
        updateStatus();
    });
    connect(m_model, &BrowseTableModel::loadFailed, this, &DataGrid::showMessage);
    connect(m_filters, &FilterBar::filtersApplied, m_model, &BrowseTableModel::setFilters);

    connect(m_browser, &TableBrowser::opened, this, &DataGrid::tableOpened);
    connect(m_browser, &TableBrowser::failed, this, [this](const QString& message) {
        // The open failed: "Opening…" would promise rows that are not coming.
        m_status->setFullText(tr("Rows not shown"));
        showMessage(message);
    });
    connect(m_browser, &TableBrowser::routeChanged, this, [this](const BrowseRoute& route) {
        m_route->setFullText(route.note.isEmpty() ? route.text()
                                                  : route.text() + QStringLiteral(" (") + route.note + u')');
        emit routeChanged(route);
    });
    connect(m_browser, &TableBrowser::countChanged, this, [this](double rows, bool exact) {
        m_rowsExpected = rows;
        m_countExact = exact;
        const QString n = QLocale().toString(qint64(rows));
        m_countText = exact ? tr("%1 rows (counted)").arg(n) : tr("~%1 rows (estimate)").arg(n);
        updateStatus();
    });
    connect(m_browser, &TableBrowser::countFailed, this, [this](const QString& message) {
        m_countText = tr("count unknown");
        showMessage(message);
        updateStatus();
    });
    connect(m_browser, &TableBrowser::countingChanged, this,
            [this](bool counting) { m_count->setText(counting ? tr("Cancel count") : tr("Count rows")); });
    connect(m_count, &QPushButton::clicked, this, [this] {
        if (m_browser->isCounting())
            m_browser->cancelCount();
        else
            countExactly();
    });
    connect(m_exportCancel, &QPushButton::clicked, this, &DataGrid::cancelExport);

    auto* statusLine = new QHBoxLayout;
    statusLine->addWidget(m_status, 1);
    statusLine->addWidget(m_exportProgress);
    statusLine->addWidget(m_exportCancel);
    statusLine->addWidget(m_route);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_toolBar = buildToolBar();
    layout->addWidget(m_toolBar);
    layout->addWidget(m_filters);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_message);
    layout->addLayout(statusLine);
    setEnabled(false);
}

DataGrid::~DataGrid()
{
    cancelExport();
}

QWidget* DataGrid::buildToolBar()
{
    auto* bar = new QWidget(this);
    auto* first = new QPushButton(tr("First"), bar);
    first->setObjectName(QStringLiteral("gridFirst"));
    first->setToolTip(tr("The first rows (Ctrl+Home)"));
    first->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Home));
    auto* last = new QPushButton(tr("Last"), bar);
    last->setObjectName(QStringLiteral("gridLast"));
    last->setToolTip(tr("The last rows (Ctrl+End)"));
    last->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_End));
    m_seek->setObjectName(QStringLiteral("gridSeek"));
    m_seek->setPlaceholderText(tr("Jump to key or sort value"));
    m_seek->setMaxLength(FilterCondition::MaxValueLength);
    auto* filter = new QPushButton(tr("Filter"), bar);
    filter->setObjectName(QStringLiteral("gridFilter"));
    filter->setCheckable(true);
    m_columns->setObjectName(QStringLiteral("gridColumns"));
    m_columns->setText(tr("Columns"));
    m_columns->setPopupMode(QToolButton::InstantPopup);
    m_columns->setMenu(new QMenu(m_columns));
    m_count->setObjectName(QStringLiteral("gridCount"));
    auto* exportButton = new QPushButton(tr("Export…"), bar);
    exportButton->setObjectName(QStringLiteral("gridExport"));

    connect(first, &QPushButton::clicked, m_model, &BrowseTableModel::showFirst);
    connect(last, &QPushButton::clicked, this, [this] {
        m_model->showLast();
        m_showEndWhenLoaded = true; // after restarted() has scrolled to the top
    });
    connect(m_seek, &QLineEdit::returnPressed, this, [this] {
        const QString value = m_seek->text().trimmed();
        if (value.isEmpty())
            m_model->showFirst();
        else
            m_model->seek(value);
    });
    connect(filter, &QPushButton::toggled, this, [this](bool on) {
        m_filters->setVisible(on);
        if (on && m_filters->conditions().isEmpty())
            m_filters->addCondition();
    });
    connect(exportButton, &QPushButton::clicked, this, &DataGrid::chooseExportFile);

    auto* layout = new QHBoxLayout(bar);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(first);
    layout->addWidget(last);
    layout->addWidget(m_seek, 1);
    layout->addWidget(filter);
    layout->addWidget(m_columns);
    layout->addWidget(m_count);
    layout->addWidget(exportButton);
    return bar;
}

const BrowseTable& DataGrid::table() const
{
    return m_model->table();
}

void DataGrid::open(quint32 relation)
{
    cancelExport();
    m_message->hide();
    m_status->setFullText(tr("Opening…"));
    m_browser->open(relation);
}

void DataGrid::showRefusal(const QString& reason)
{
    cancelExport();
    m_browser->close();
    m_filters->hide();
    m_toolBar->setEnabled(false);
    m_view->setEnabled(false);
    setEnabled(true); // the message reads as one, not greyed out
    m_status->setFullText(tr("Rows not shown"));
    showMessage(reason);
}

void DataGrid::tableOpened(const BrowseTable& table)
{
    setEnabled(true);
    m_toolBar->setEnabled(true);
    m_view->setEnabled(true);
    m_filters->setTable(table);
    m_view->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    rebuildColumnMenu();
    for (int column = 0; column < table.columns.size(); ++column)
        m_view->setColumnHidden(column, false);
    m_fitColumns = true;
    updateStatus();
}

void DataGrid::fitColumns()
{
    // Wide enough for the first rows and the header, never so wide that one long text hides the rest.
    const int widest = qMax(160, m_view->viewport()->width() / 3);
    m_view->resizeColumnsToContents();
    for (int column = 0; column < m_model->columnCount(); ++column)
        m_view->setColumnWidth(column, qMin(widest, m_view->columnWidth(column)));
}

void DataGrid::rebuildColumnMenu()
{
    QMenu* menu = m_columns->menu();
    menu->clear();
    const BrowseTable& t = m_model->table();
    for (int column = 0; column < t.columns.size(); ++column) {
        // A menu takes & as a mnemonic marker; a column name is shown as it is.
        QString text = t.columns[column].name + QStringLiteral("  (") + t.columns[column].displayType + u')';
        QAction* action = menu->addAction(text.replace(u'&', QLatin1String("&&")));
        action->setCheckable(true);
        action->setChecked(true);
        connect(action, &QAction::toggled, this,
                [this, column](bool shown) { m_view->setColumnHidden(column, !shown); });
    }
}

void DataGrid::showMessage(const QString& text)
{
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
}

QString DataGrid::statusText() const
{
    return m_status->fullText();
}

void DataGrid::updateStatus()
{
    const BrowseTable& t = m_model->table();
    if (t.oid == 0)
        return;
    // Every row is in view: that is the exact count, whatever the planner estimated (it assumes
    // ten pages of rows for a table never analyzed, e.g. one just made).
    const bool whole = m_model->atStart() && m_model->atEnd() && !m_model->isLoading();
    QString where;
    if (m_model->isLoading() && m_model->rowCount() == BrowseTableModel::PageSize)
        where = tr("loading…");
    else if (whole)
        where = tr("%n row(s), all loaded", nullptr, m_model->rowCount());
    else if (m_model->atStart())
        where = tr("the first %1 rows loaded").arg(m_model->rowCount());
    else if (m_model->atEnd())
        where = tr("the last %1 rows loaded").arg(m_model->rowCount());
    else
        where = tr("%1 rows loaded").arg(m_model->rowCount());
    QStringList parts{t.displayName()};
    if (!whole || m_countExact)
        parts << m_countText;
    parts << where << tr("ordered by %1").arg(t.keyDescription());
    if (!m_model->query().filters.isEmpty())
        parts << tr("%n filter(s)", nullptr, int(m_model->query().filters.size()));
    parts << tr("read-only");
    m_status->setFullText(parts.join(QStringLiteral(" · ")));
}

void DataGrid::rowsScrolled()
{
    const int first = m_view->rowAt(0);
    int last = m_view->rowAt(m_view->viewport()->height() - 1);
    if (last < 0)
        last = m_model->rowCount() - 1;
    m_model->rowsShown(qMax(0, first), last);
}

void DataGrid::copySelection(bool header)
{
    const QModelIndexList selected = m_view->selectionModel()->selectedIndexes();
    if (selected.isEmpty())
        return;
    QList<int> rows;
    QList<int> columns;
    for (const QModelIndex& index : selected) {
        if (!rows.contains(index.row()))
            rows << index.row();
        if (!columns.contains(index.column()) && !m_view->isColumnHidden(index.column()))
            columns << index.column();
    }
    std::sort(rows.begin(), rows.end());
    std::sort(columns.begin(), columns.end());
    QGuiApplication::clipboard()->setText(m_model->toTsv(rows, columns, header));
}

void DataGrid::viewCell(const QModelIndex& index)
{
    if (!index.isValid() || index.data(BrowseTableModel::IsPlaceholderRole).toBool())
        return;
    const BrowseColumn& column = m_model->table().columns[index.column()];
    const QString text = index.data(BrowseTableModel::IsNullRole).toBool()
                             ? tr("NULL")
                             : CellFormatter::format(column, index.data(BrowseTableModel::RawTextRole).toString());
    auto* viewer = new CellViewerDialog(m_model->table().displayName() + u'.' + column.name + QStringLiteral(" (")
                                            + column.displayType + u')',
                                        text, this);
    viewer->show();
}

void DataGrid::countExactly()
{
    m_countText = tr("counting…");
    updateStatus();
    m_browser->countExactly();
}

void DataGrid::chooseExportFile()
{
    if (m_model->table().oid == 0 || isExporting())
        return;
    m_prompts->chooseExportFile(this, m_model->table().name + QStringLiteral(".csv"),
                                [this, guard = QPointer<DataGrid>(this)](const QString& path) {
                                    if (guard && !path.isEmpty())
                                        exportTo(path);
                                });
}

void DataGrid::exportTo(const QString& path)
{
    if (isExporting() || m_model->table().oid == 0)
        return;
    // The path comes from the save dialog, which asked before choosing an existing file: replacing it
    // is what the user confirmed.
    m_exporter = new TableExporter(m_access, m_model->table(), m_model->query(), path,
                                   RowExportWriter::formatForPath(path), OutputFile::Existing::Replace, this);
    // The estimate may be low: the bar's end moves out as rows keep coming.
    m_exportProgress->setRange(0, int(qMin<double>(m_rowsExpected, INT_MAX)));
    m_exportProgress->setValue(0);
    m_exportProgress->setFormat(tr("exporting: %v rows"));
    m_exportProgress->show();
    m_exportCancel->show();
    connect(m_exporter, &TableExporter::progress, this, [this](qint64 rows) {
        const int value = int(qMin<qint64>(rows, INT_MAX));
        if (value > m_exportProgress->maximum())
            m_exportProgress->setMaximum(value);
        m_exportProgress->setValue(value);
    });
    auto done = [this] {
        m_exportProgress->hide();
        m_exportCancel->hide();
        m_exporter->deleteLater();
    };
    connect(m_exporter, &TableExporter::finished, this, [this, done, path](qint64 rows) {
        done();
        m_status->setFullText(tr("Exported %1 rows to %2").arg(QLocale().toString(rows), path));
        emit exportFinished(path, rows);
    });
    connect(m_exporter, &TableExporter::failed, this, [this, done](const QString& message) {
        done();
        showMessage(message);
        emit exportFailed(message);
    });
    m_exporter->start();
}

void DataGrid::cancelExport()
{
    if (m_exporter)
        m_exporter->cancel();
}
