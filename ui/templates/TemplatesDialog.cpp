#include "ui/templates/TemplatesDialog.h"
#include "catalog/FleetRoles.h"

#include "pg/PgSession.h"
#include "provision/TenantTemplates.h"
#include "templates/TemplateAdder.h"
#include "templates/TemplateDiff.h"
#include "templates/TemplateImporter.h"
#include "ui/common/DialogParts.h"
#include "ui/common/UserPrompts.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QStringDecoder>
#include <QTableWidget>
#include <QVBoxLayout>

TemplatesDialog::TemplatesDialog(const ConnectionParams& catalog, UserPrompts& prompts, QWidget* parent)
    : SessionDialog(catalog, parent)
    , m_prompts(prompts)
    , m_table(new QTableWidget(0, ColumnCount, this))
    , m_name(DialogParts::lineEdit(this, QStringLiteral("templateName"), tr("lower-case letters, digits, - and _")))
    , m_model(DialogParts::isolationModelBox(this, QStringLiteral("templateModel")))
    , m_version(new QSpinBox(this))
    , m_description(new QLineEdit(this))
    , m_add(new QPushButton(tr("Add from SQL File…"), this))
    , m_tenant(DialogParts::lineEdit(this, QStringLiteral("templateSourceTenant"), tr("tenant slug")))
    , m_import(new QPushButton(tr("Import from Tenant"), this))
    , m_from(new QSpinBox(this))
    , m_to(new QSpinBox(this))
    , m_compare(new QPushButton(tr("Compare"), this))
    , m_result(DialogParts::codeView(this, QStringLiteral("templateResult")))
    , m_status(DialogParts::statusLabel(this, QStringLiteral("templateStatus")))
    , m_busy(new QProgressBar(this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
{
    setObjectName(QStringLiteral("templatesDialog"));
    setWindowTitle(tr("Templates"));
    m_table->setObjectName(QStringLiteral("templateVersions"));
    m_table->setHorizontalHeaderLabels(
        {tr("Template"), tr("Model"), tr("Version"), tr("Tenants"), tr("Created (UTC)"), tr("Description")});
    DialogParts::setUpResultTable(m_table);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_version->setObjectName(QStringLiteral("templateVersion"));
    m_version->setRange(0, 1000000);
    m_version->setSpecialValueText(tr("next"));
    m_description->setObjectName(QStringLiteral("templateDescription"));
    m_add->setObjectName(QStringLiteral("templateAddFile"));
    m_import->setObjectName(QStringLiteral("templateImport"));
    for (QSpinBox* box : {m_from, m_to}) {
        box->setRange(1, 1000000);
        box->setPrefix(QStringLiteral("v"));
    }
    m_from->setObjectName(QStringLiteral("templateDiffFrom"));
    m_to->setObjectName(QStringLiteral("templateDiffTo"));
    m_compare->setObjectName(QStringLiteral("templateCompare"));
    m_result->setPlaceholderText(tr("What an add, import or comparison did appears here."));
    m_busy->setObjectName(QStringLiteral("templateBusy"));
    m_busy->setRange(0, 0);
    m_busy->setMaximumWidth(120);
    m_cancel->setObjectName(QStringLiteral("templateCancel"));

    auto* which = new QGroupBox(tr("Template version"), this);
    auto* whichForm = new QFormLayout(which);
    auto* nameRow = new QHBoxLayout;
    nameRow->addWidget(m_name, 1);
    nameRow->addWidget(new QLabel(tr("Model:"), this));
    nameRow->addWidget(m_model);
    nameRow->addWidget(new QLabel(tr("Version:"), this));
    nameRow->addWidget(m_version);
    whichForm->addRow(tr("Name:"), nameRow);
    whichForm->addRow(tr("Description:"), m_description);
    auto* addRow = new QHBoxLayout;
    addRow->addWidget(m_add);
    addRow->addSpacing(16);
    addRow->addWidget(new QLabel(tr("or from the tenant"), this));
    addRow->addWidget(m_tenant, 1);
    addRow->addWidget(m_import);
    whichForm->addRow(tr("Add:"), addRow);
    auto* compareRow = new QHBoxLayout;
    compareRow->addWidget(m_from);
    compareRow->addWidget(new QLabel(tr("with"), this));
    compareRow->addWidget(m_to);
    compareRow->addWidget(m_compare);
    compareRow->addStretch(1);
    whichForm->addRow(tr("Compare:"), compareRow);

    QDialogButtonBox* close = DialogParts::buttons(this, QDialogButtonBox::Close);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_table, 3);
    layout->addWidget(which);
    layout->addWidget(m_result, 2);
    layout->addLayout(DialogParts::wideRow(m_status, {m_busy, m_cancel}));
    layout->addWidget(close);
    resize(900, 680);

    connect(m_table, &QTableWidget::itemSelectionChanged, this, &TemplatesDialog::versionSelected);
    connect(m_add, &QPushButton::clicked, this, &TemplatesDialog::addFromFile);
    connect(m_import, &QPushButton::clicked, this, &TemplatesDialog::importFromTenant);
    connect(m_compare, &QPushButton::clicked, this, &TemplatesDialog::compare);
    connect(m_cancel, &QPushButton::clicked, this, &TemplatesDialog::cancel);
    connect(m_name, &QLineEdit::textChanged, this, &TemplatesDialog::updateButtons);
    connect(m_tenant, &QLineEdit::textChanged, this, &TemplatesDialog::updateButtons);
    connect(session(), &PgSession::busyChanged, this, &TemplatesDialog::updateButtons);
    loadVersions();
    updateButtons();
}

void TemplatesDialog::setSourceTenant(const QString& slug)
{
    m_tenant->setText(slug);
}

QString TemplatesDialog::templateName() const
{
    return m_name->text().trimmed();
}

void TemplatesDialog::loadVersions()
{
    m_status->setText(tr("Loading the template versions…"));
    session()->run<QList<TenantTemplate>>(
        [](PgConnection& c) { return TenantTemplates::all(c); }, this,
        [this](Outcome<QList<TenantTemplate>> result) {
            if (!result.ok()) {
                m_status->setText(result.error->text());
                return;
            }
            m_versions = *result.value;
            // A row number now names another version: nothing selected, and what was typed stays.
            const QSignalBlocker quiet(m_table);
            m_table->clearSelection();
            m_table->setRowCount(int(m_versions.size()));
            for (int row = 0; row < m_versions.size(); ++row) {
                const TenantTemplate& t = m_versions[row];
                const QStringList cells{t.name,
                                        toString(t.model),
                                        QString::number(t.version),
                                        QString::number(t.tenants),
                                        t.created.toString(QStringLiteral("yyyy-MM-dd HH:mm")),
                                        t.description};
                for (int column = 0; column < ColumnCount; ++column) {
                    auto* item = new QTableWidgetItem(cells[column]);
                    item->setToolTip(cells[column]);
                    m_table->setItem(row, column, item);
                }
            }
            // The description takes what is left (and elides); the rest fit their text.
            for (int column = 0; column < DescriptionColumn; ++column)
                m_table->resizeColumnToContents(column);
            m_status->setText(tr("%n template versions.", nullptr, int(m_versions.size())));
            emit versionsLoaded();
        });
}

void TemplatesDialog::versionSelected()
{
    const QList<QTableWidgetItem*> selected = m_table->selectedItems();
    if (selected.isEmpty() || selected.constFirst()->row() >= m_versions.size())
        return;
    const int row = selected.constFirst()->row();
    const TenantTemplate& t = m_versions[row];
    m_name->setText(t.name);
    m_model->setCurrentIndex(m_model->findData(int(t.model)));
    m_to->setValue(t.version);
    m_from->setValue(std::max(1, t.version - 1));
}

void TemplatesDialog::addFromFile()
{
    m_prompts.chooseFile(this, tr("Template DDL"), QString(), [this](const QString& path) { addFile(path); });
}

void TemplatesDialog::addFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        showResult(false, tr("Cannot read %1: %2").arg(path, file.errorString()));
        return;
    }
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    TemplateDraft draft;
    draft.ddl = utf8(file.readAll());
    if (utf8.hasError()) {
        showResult(false, tr("%1 is not UTF-8 text: nothing was stored.").arg(path));
        return;
    }
    draft.name = templateName();
    draft.model = IsolationModel(m_model->currentData().toInt());
    draft.version = m_version->value();
    draft.description = m_description->text();
    draft.auditAction = QStringLiteral("template.add");
    draft.auditDetails = {{QStringLiteral("file"), QFileInfo(path).fileName()}};
    const ConnectionParams catalog = this->catalog();
    runJob(tr("Trying %1 on a shard…").arg(QFileInfo(path).fileName()), [catalog, draft](PgConnection& c) {
        ShardConnections shards(catalog, FleetRoles::load(c));
        TemplateAdder adder(c, shards);
        return adder.add(draft, adder.shard({})).summary();
    });
}

void TemplatesDialog::importFromTenant()
{
    const QString slug = m_tenant->text().trimmed();
    const QString name = templateName();
    const int version = m_version->value();
    const ConnectionParams catalog = this->catalog();
    runJob(tr("Reading %1 with pg_dump…").arg(slug), [catalog, slug, name, version](PgConnection& c) {
        ShardConnections shards(catalog, FleetRoles::load(c));
        const TemplateImporter::Imported imported = TemplateImporter(c, shards).import(slug, name, version);
        return (QStringList{imported.added.summary(QStringLiteral("Imported"))} + imported.notes).join(u'\n');
    });
}

void TemplatesDialog::compare()
{
    const QString name = templateName();
    const IsolationModel model = IsolationModel(m_model->currentData().toInt());
    const int from = m_from->value(), to = m_to->value();
    const ConnectionParams catalog = this->catalog();
    runJob(tr("Making v%1 and v%2 in scratch places…").arg(from).arg(to),
           [catalog, name, model, from, to](PgConnection& c) {
               ShardConnections shards(catalog, FleetRoles::load(c));
               return TemplateDiff(c, shards).compare(name, model, from, to).lines().join(u'\n');
           });
}

void TemplatesDialog::cancel()
{
    session()->cancelQueued();
    session()->cancel();
}

void TemplatesDialog::runJob(const QString& status, std::function<QString(PgConnection&)> job)
{
    m_status->setText(status);
    session()->run<QString>(std::move(job), this,
                            [this](Outcome<QString> r) { showResult(r.ok(), r.ok() ? *r.value : r.error->text()); });
}

void TemplatesDialog::showResult(bool ok, const QString& text)
{
    m_result->setPlainText(text);
    m_status->setText(ok ? tr("Done.") : tr("Failed (see below)."));
    if (ok)
        loadVersions();
    emit finished(ok);
}

void TemplatesDialog::updateButtons()
{
    const bool busy = session()->isBusy();
    const bool named = !templateName().isEmpty();
    m_add->setEnabled(!busy && named);
    m_import->setEnabled(!busy && named && !m_tenant->text().trimmed().isEmpty());
    m_compare->setEnabled(!busy && named);
    m_busy->setVisible(busy);
    m_cancel->setEnabled(busy);
}
