#include "ui/browse/TenantView.h"

#include "browse/TemplateDrift.h"
#include "browse/TenantObjectsLoader.h"
#include "browse/TenantReader.h"
#include "pg/PgSession.h"
#include "ui/browse/DataGrid.h"
#include "ui/browse/TenantBanner.h"
#include "ui/common/FleetIcons.h"

#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QSplitter>
#include <QTabWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace {

constexpr int ObjectIndexRole = Qt::UserRole + 1;

struct Group {
    QString title;
    QList<TenantObject::Kind> kinds;
};

const QList<Group>& groups()
{
    static const QList<Group> all{
        {QObject::tr("Tables"),
         {TenantObject::Kind::Table, TenantObject::Kind::PartitionedTable, TenantObject::Kind::ForeignTable}},
        {QObject::tr("Views"), {TenantObject::Kind::View}},
        {QObject::tr("Materialized views"), {TenantObject::Kind::MaterializedView}},
        {QObject::tr("Sequences"), {TenantObject::Kind::Sequence}},
        {QObject::tr("Functions"), {TenantObject::Kind::Function, TenantObject::Kind::Procedure}}};
    return all;
}

QString rowsText(double rows)
{
    return rows < 0 ? QString() : QLocale().toString(qint64(rows));
}

QString sizeText(qint64 bytes)
{
    return bytes < 0 ? QString() : QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

} // namespace

TenantView::TenantView(TenantAccess access, ConnectionParams catalogParams, BrowsePrompts* prompts, QWidget* parent)
    : QWidget(parent)
    , m_access(std::move(access))
    , m_catalogParams(std::move(catalogParams))
    , m_session(new PgSession(this))
    , m_reader(std::make_shared<TenantReader>(m_access))
    , m_banner(new TenantBanner(m_access.target, this))
    , m_treeFilter(new QLineEdit(this))
    , m_tree(new QTreeWidget(this))
    , m_tabs(new QTabWidget(this))
    , m_objectSummary(new QLabel(this))
    , m_structure(new QTreeWidget(this))
    , m_grid(new DataGrid(m_access, prompts, this))
    , m_message(new QLabel(this))
{
    setObjectName(QStringLiteral("tenantView"));
    m_treeFilter->setObjectName(QStringLiteral("objectFilter"));
    m_treeFilter->setPlaceholderText(tr("Filter objects"));
    m_treeFilter->setClearButtonEnabled(true);
    m_tree->setObjectName(QStringLiteral("objectTree"));
    // Shared tables hold every tenant's rows: their statistics are not this tenant's.
    const bool shared = m_access.target.tenant.model == IsolationModel::Shared;
    m_tree->setHeaderLabels({tr("Object"), shared ? tr("Rows (all tenants)") : tr("Rows (est.)"), tr("Size")});
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_tree->header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    m_tree->setUniformRowHeights(true);
    m_structure->setObjectName(QStringLiteral("objectStructure"));
    m_structure->setHeaderLabels({tr("Name"), tr("Definition")});
    m_structure->setUniformRowHeights(true);
    m_structure->setWordWrap(false);
    m_objectSummary->setObjectName(QStringLiteral("objectSummary"));
    m_objectSummary->setTextFormat(Qt::PlainText);
    m_message->setObjectName(QStringLiteral("tenantMessage"));
    m_message->setTextFormat(Qt::PlainText);
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #c0392b;"));
    m_message->hide();

    auto* structurePage = new QWidget(this);
    auto* structureLayout = new QVBoxLayout(structurePage);
    structureLayout->addWidget(m_objectSummary);
    structureLayout->addWidget(m_structure, 1);
    m_tabs->setObjectName(QStringLiteral("objectTabs"));
    m_tabs->addTab(m_grid, tr("Data"));
    m_tabs->addTab(structurePage, tr("Structure"));

    auto* left = new QWidget(this);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_treeFilter);
    leftLayout->addWidget(m_tree, 1);
    auto* splitter = new QSplitter(this);
    splitter->addWidget(left);
    splitter->addWidget(m_tabs);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({260, 1000});

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_banner);
    layout->addWidget(m_message);
    layout->addWidget(splitter, 1);

    connect(m_grid, &DataGrid::routeChanged, m_banner, &TenantBanner::setRoute);
    connect(m_treeFilter, &QLineEdit::textChanged, this, &TenantView::filterTree);
    connect(m_tree, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* item) {
        if (item && item->data(0, ObjectIndexRole).isValid())
            showObject(item->data(0, ObjectIndexRole).toInt());
    });
    loadObjects();
    compareWithTemplate();
}

TenantView::~TenantView() = default;

void TenantView::loadObjects()
{
    struct Loaded {
        QList<TenantObject> objects;
        BrowseRoute route;
    };
    m_session->run<Loaded>(
        [reader = m_reader](PgConnection& c) {
            QList<TenantObject> objects = reader->read(c,
                                                       [&] { return TenantObjectsLoader::load(c, reader->scope()); });
            return Loaded{std::move(objects), reader->route()};
        },
        this,
        [this](Outcome<Loaded> r) {
            if (!r.ok()) {
                m_message->setText(tr("The tenant's objects could not be listed: %1").arg(r.error->text()));
                m_message->show();
                emit failed(m_message->text());
                return;
            }
            m_banner->setRoute(r.value->route);
            m_objects = std::move(r.value->objects);
            showObjects();
            showDifferences();
            emit objectsLoaded(int(m_objects.size()));
        });
}

void TenantView::compareWithTemplate()
{
    const TenantDetails& t = m_access.target.tenant;
    if (t.model == IsolationModel::Shared || t.templateName.isEmpty() || m_catalogParams.isEmpty())
        return;
    // The catalog connection runs the template's DDL in a transaction it always rolls back;
    // it is only needed for that, so it closes when done.
    auto* catalog = new PgSession(this);
    catalog->run<QList<TenantObject>>(
        [params = m_catalogParams.withSafeDefaults(), target = m_access.target](PgConnection& c) {
            c.open(params);
            return TemplateDrift::templateObjects(c, target);
        },
        this,
        [this, catalog](Outcome<QList<TenantObject>> r) {
            catalog->deleteLater();
            if (r.ok())
                m_templateObjects = std::move(*r.value);
            else
                m_driftProblem = r.error->text();
            showDifferences();
        });
}

void TenantView::showDifferences()
{
    if (m_objects.isEmpty() || (!m_templateObjects && m_driftProblem.isEmpty()))
        return;
    const TenantDetails& t = m_access.target.tenant;
    delete m_driftItem;
    m_driftItem = new QTreeWidgetItem(m_tree);
    const QString templateName = QStringLiteral("%1 v%2").arg(t.templateName).arg(t.templateVersion);
    if (!m_templateObjects) {
        m_driftItem->setText(0, tr("Template %1: not compared").arg(templateName));
        new QTreeWidgetItem(m_driftItem, {m_driftProblem});
        return;
    }
    // A database tenant's template is its public schema; anything else there is its own.
    QList<TenantObject> compared;
    for (const TenantObject& o : m_objects) {
        if (t.model != IsolationModel::Database || o.schema == QLatin1String("public"))
            compared << o;
    }
    m_differences = TemplateDrift::differences(TemplateDrift::signature(*m_templateObjects),
                                               TemplateDrift::signature(compared));
    m_driftItem->setText(0, m_differences->isEmpty()
                                ? tr("Matches template %1").arg(templateName)
                                : tr("Differs from template %1 (%2)").arg(templateName).arg(m_differences->size()));
    m_driftItem->setData(0, Qt::ForegroundRole,
                         m_differences->isEmpty() ? QVariant() : QVariant(QColor(0xc0, 0x39, 0x2b)));
    for (const QString& line : *m_differences) {
        auto* item = new QTreeWidgetItem(m_driftItem, {line});
        item->setToolTip(0, QString());
    }
    emit templateCompared(*m_differences);
}

void TenantView::showObjects()
{
    m_tree->clear();
    m_driftItem = nullptr;
    const bool qualify = m_access.target.tenant.model == IsolationModel::Database;
    QTreeWidgetItem* firstBrowsable = nullptr;
    for (const Group& group : groups()) {
        auto* groupItem = new QTreeWidgetItem(m_tree);
        int count = 0;
        for (int i = 0; i < m_objects.size(); ++i) {
            const TenantObject& o = m_objects[i];
            if (!group.kinds.contains(o.kind))
                continue;
            const QString name = (qualify && o.schema != QLatin1String("public") ? o.schema + u'.' : QString()) + o.name
                                 + o.signature;
            auto* item = new QTreeWidgetItem(groupItem, {name, rowsText(o.estimatedRows), sizeText(o.totalBytes)});
            item->setData(0, ObjectIndexRole, i);
            if (!o.refusal.isEmpty()) {
                item->setIcon(0, FleetIcons::refused());
                item->setToolTip(0, o.refusal);
            }
            item->setTextAlignment(1, Qt::AlignRight | Qt::AlignVCenter);
            item->setTextAlignment(2, Qt::AlignRight | Qt::AlignVCenter);
            if (!firstBrowsable && o.isBrowsable())
                firstBrowsable = item;
            ++count;
        }
        groupItem->setText(0, QStringLiteral("%1 (%2)").arg(group.title).arg(count));
        groupItem->setExpanded(group.kinds.first() != TenantObject::Kind::Sequence
                               && group.kinds.first() != TenantObject::Kind::Function);
    }
    if (firstBrowsable)
        m_tree->setCurrentItem(firstBrowsable);
}

void TenantView::filterTree(const QString& text)
{
    for (int g = 0; g < m_tree->topLevelItemCount(); ++g) {
        QTreeWidgetItem* group = m_tree->topLevelItem(g);
        for (int i = 0; i < group->childCount(); ++i)
            group->child(i)->setHidden(!group->child(i)->text(0).contains(text, Qt::CaseInsensitive));
    }
}

bool TenantView::openObject(const QString& name)
{
    for (int g = 0; g < m_tree->topLevelItemCount(); ++g) {
        QTreeWidgetItem* group = m_tree->topLevelItem(g);
        for (int i = 0; i < group->childCount(); ++i) {
            QTreeWidgetItem* item = group->child(i);
            if (!item->data(0, ObjectIndexRole).isValid())
                continue;
            const TenantObject& o = m_objects[item->data(0, ObjectIndexRole).toInt()];
            if (o.name == name || o.schema + u'.' + o.name == name) {
                m_tree->setCurrentItem(item);
                return true;
            }
        }
    }
    return false;
}

void TenantView::showObject(int index)
{
    const TenantObject& o = m_objects[index];
    QStringList summary{TenantObject::kindName(o.kind) + u' ' + o.displayName()};
    if (o.estimatedRows >= 0)
        summary << tr("~%1 rows").arg(rowsText(o.estimatedRows));
    if (o.totalBytes >= 0)
        summary << sizeText(o.totalBytes);
    if (m_access.target.tenant.model == IsolationModel::Shared && o.isBrowsable())
        summary << tr("rows and size count every tenant of the shared table");
    if (o.rowSecurity)
        summary << (o.forceRowSecurity ? tr("row-level security forced")
                                       : tr("row-level security enabled (not forced)"));
    m_objectSummary->setText(summary.join(QStringLiteral(" · ")));

    m_structure->clear();
    static const QList<std::pair<TenantObject::Section, QString>> sections{
        {TenantObject::Section::Column, tr("Columns")},         {TenantObject::Section::Index, tr("Indexes")},
        {TenantObject::Section::Constraint, tr("Constraints")}, {TenantObject::Section::Trigger, tr("Triggers")},
        {TenantObject::Section::Policy, tr("Policies")},        {TenantObject::Section::Definition, tr("Definition")}};
    for (const auto& [section, title] : sections) {
        QList<const TenantObject::Part*> parts;
        for (const TenantObject::Part& part : o.parts) {
            if (part.section == section)
                parts << &part;
        }
        if (parts.isEmpty())
            continue;
        auto* groupItem = new QTreeWidgetItem(m_structure, {QStringLiteral("%1 (%2)").arg(title).arg(parts.size())});
        for (const TenantObject::Part* part : parts)
            new QTreeWidgetItem(groupItem, {part->name, QString(part->definition).replace(u'\n', u' ')});
        groupItem->setExpanded(true);
    }
    m_structure->resizeColumnToContents(0);

    if (!o.refusal.isEmpty()) {
        m_tabs->setTabEnabled(0, true);
        m_grid->showRefusal(o.refusal);
    } else if (o.isBrowsable()) {
        m_tabs->setTabEnabled(0, true);
        m_grid->open(o.oid);
    } else {
        m_tabs->setTabEnabled(0, false);
        m_tabs->setCurrentIndex(1);
    }
}
