#include "ui/admin/BatchProvisionDialog.h"

#include "base/InputError.h"
#include "provision/BatchCsv.h"
#include "provision/BatchProvisioner.h"
#include "provision/BatchRowModel.h"
#include "ui/common/DialogParts.h"
#include "ui/common/UserPrompts.h"

#include <QCloseEvent>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QVBoxLayout>

BatchProvisionDialog::BatchProvisionDialog(const ConnectionParams& catalog, UserPrompts& prompts, QWidget* parent)
    : QDialog(parent)
    , m_catalog(catalog.withSafeDefaults())
    , m_prompts(prompts)
    , m_model(new BatchRowModel(this))
    , m_table(new QTableView(this))
    , m_file(new QLabel(tr("No file chosen."), this))
    , m_summary(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_sessions(new QSpinBox(this))
    , m_choose(new QPushButton(tr("Choose CSV…"), this))
    , m_start(new QPushButton(tr("Start"), this))
    , m_cancel(new QPushButton(tr("Cancel run"), this))
    , m_close(new QPushButton(tr("Close"), this))
{
    setObjectName(QStringLiteral("batchProvisionDialog"));
    setWindowTitle(tr("Create tenants from CSV"));
    setAttribute(Qt::WA_DeleteOnClose);
    m_table->setObjectName(QStringLiteral("batchTable"));
    m_file->setObjectName(QStringLiteral("batchFile"));
    m_file->setTextFormat(Qt::PlainText);
    m_summary->setObjectName(QStringLiteral("batchSummary"));
    m_summary->setTextFormat(Qt::PlainText);
    m_progress->setObjectName(QStringLiteral("batchProgress"));
    m_sessions->setObjectName(QStringLiteral("batchSessions"));
    m_sessions->setRange(1, 32);
    m_sessions->setValue(BatchProvisioner::DefaultMaxSessions);
    m_sessions->setPrefix(tr("At most "));
    m_sessions->setSuffix(tr(" shards at once"));
    m_choose->setObjectName(QStringLiteral("batchChoose"));
    m_start->setObjectName(QStringLiteral("batchStart"));
    m_cancel->setObjectName(QStringLiteral("batchCancel"));
    m_close->setObjectName(QStringLiteral("batchClose"));

    m_table->setModel(m_model);
    DialogParts::setUpResultTable(m_table);
    m_table->setWordWrap(false); // the whole result is in the tooltip
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setColumnWidth(BatchRowModel::Line, 50);
    m_table->setColumnWidth(BatchRowModel::Slug, 200);
    m_table->setColumnWidth(BatchRowModel::Model, 80);
    m_table->setColumnWidth(BatchRowModel::Shard, 90);
    m_table->setColumnWidth(BatchRowModel::State, 80);

    auto* top = new QHBoxLayout;
    top->addWidget(m_choose);
    top->addWidget(m_file, 1);
    top->addWidget(m_sessions);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_summary, 1);
    buttons->addWidget(m_start);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_close);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_progress);
    layout->addLayout(buttons);
    resize(900, 560);

    connect(m_choose, &QPushButton::clicked, this, &BatchProvisionDialog::chooseFile);
    connect(m_start, &QPushButton::clicked, this, &BatchProvisionDialog::start);
    connect(m_cancel, &QPushButton::clicked, this, &BatchProvisionDialog::cancel);
    connect(m_close, &QPushButton::clicked, this, &QDialog::close);
    connect(m_model, &BatchRowModel::countsChanged, this, &BatchProvisionDialog::updateCounts);
    updateCounts();
}

BatchProvisionDialog::~BatchProvisionDialog()
{
    // Only a run when the parent goes while one is on (closeEvent waits otherwise): its jobs
    // finish the tenants in progress on the runner's pool, then stop, reporting to nobody.
    m_cancelRun.cancel();
}

void BatchProvisionDialog::chooseFile()
{
    QPointer<BatchProvisionDialog> self(this);
    m_prompts.chooseFile(this, tr("Tenants to create (CSV)"), QString(), [self](const QString& path) {
        if (self)
            self->loadFile(path);
    });
}

bool BatchProvisionDialog::loadFile(const QString& path)
{
    QFile file(path);
    try {
        if (!file.open(QIODevice::ReadOnly))
            throw InputError(tr("Cannot read %1: %2").arg(path, file.errorString()));
        m_model->setRows(BatchCsv::parse(file.readAll()));
    } catch (const InputError& e) {
        m_prompts.inform(this, tr("Create tenants from CSV"), e.text());
        return false;
    }
    m_file->setText(tr("%1: %2 tenants").arg(QFileInfo(path).fileName()).arg(m_model->rowCount()));
    m_createdBefore = 0;
    updateCounts();
    return true;
}

void BatchProvisionDialog::start()
{
    if (m_run || m_model->rowCount() == 0)
        return;
    m_cancelRun = CancelToken();
    m_createdBefore = m_model->count(JobState::Done);
    m_run = new BatchProvisioner(m_catalog, m_sessions->value(), this);
    connect(m_run, &BatchProvisioner::rowChanged, m_model, &BatchRowModel::setRow);
    connect(m_run, &BatchProvisioner::finished, this, &BatchProvisionDialog::runFinished);
    m_run->start(m_model->rows(), m_cancelRun);
    updateCounts();
}

void BatchProvisionDialog::cancel()
{
    m_cancelRun.cancel();
    m_summary->setText(tr("Stopping after the tenants in progress…"));
}

void BatchProvisionDialog::runFinished(const std::optional<JobError>& error)
{
    m_run->deleteLater();
    m_run = nullptr;
    const int created = m_model->count(JobState::Done) - m_createdBefore;
    updateCounts();
    if (error)
        m_summary->setText(error->message());
    if (created > 0)
        emit tenantsCreated(created);
    emit finished();
    if (m_closeWhenStopped)
        close();
}

void BatchProvisionDialog::updateCounts()
{
    const int total = m_model->rowCount();
    const int failed = m_model->count(JobState::Failed);
    const int pending = m_model->count(JobState::Pending);
    m_progress->setRange(0, std::max(total, 1));
    m_progress->setValue(m_model->finished());
    const int unconfirmed = m_model->count(JobState::Unconfirmed);
    if (!m_run || !m_cancelRun.isCancelled())
        m_summary->setText(tr("%1 created, %2 skipped, %3 failed, %4 to go")
                               .arg(m_model->count(JobState::Done))
                               .arg(m_model->count(JobState::Skipped))
                               .arg(failed)
                               .arg(pending + m_model->count(JobState::Running))
                           + (unconfirmed > 0
                                  ? tr("; %1 unconfirmed (outcome unknown, left for reconcile)").arg(unconfirmed)
                                  : QString()));
    const bool running = m_run != nullptr;
    const int retriable = m_model->retriable();
    const bool resumable = !running && m_model->finished() > 0 && (pending > 0 || retriable > 0);
    m_start->setText(resumable ? tr("Resume") : tr("Start"));
    m_start->setEnabled(!running && total > 0 && (pending > 0 || retriable > 0));
    m_cancel->setEnabled(running);
    m_choose->setEnabled(!running);
    m_sessions->setEnabled(!running);
}

void BatchProvisionDialog::closeEvent(QCloseEvent* event)
{
    if (m_run) {
        m_closeWhenStopped = true;
        cancel();
        event->ignore();
        return;
    }
    QDialog::closeEvent(event);
}
