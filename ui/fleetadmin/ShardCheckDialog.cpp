#include "ui/fleetadmin/ShardCheckDialog.h"

#include "fleetadmin/FleetListing.h"
#include "fleetadmin/ShardChecker.h"
#include "fleetadmin/ShardPreparer.h"
#include "pg/PgSession.h"
#include "ui/common/DialogParts.h"
#include "ui/common/HealthColors.h"
#include "ui/common/UserPrompts.h"

#include <QDialogButtonBox>
#include <QGuiApplication>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QScreen>
#include <QTableWidget>
#include <QVBoxLayout>

ShardCheckDialog::ShardCheckDialog(const ConnectionParams& catalog, const QString& shard, UserPrompts& prompts,
                                   QWidget* parent)
    : SessionDialog(catalog, parent)
    , m_shard(shard)
    , m_prompts(prompts)
    , m_checks(new QTableWidget(0, ColumnCount, this))
    , m_summary(DialogParts::statusLabel(this, QStringLiteral("shardCheckSummary")))
    , m_checkButton(new QPushButton(tr("Check Again"), this))
    , m_prepareButton(new QPushButton(tr("Prepare…"), this))
{
    setObjectName(QStringLiteral("shardCheckDialog"));
    setWindowTitle(tr("Check Shard %1").arg(shard));
    setAttribute(Qt::WA_DeleteOnClose);
    m_checks->setObjectName(QStringLiteral("shardChecks"));
    m_checks->setHorizontalHeaderLabels({tr("Result"), tr("Endpoint"), tr("Check"), tr("What is wrong, and the fix")});
    m_checks->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    // What was checked and its fix share the width, wrapped; a long fix never squeezes the check.
    DialogParts::setUpFindingsTable(m_checks, {WhatColumn, FixColumn});
    m_checkButton->setObjectName(QStringLiteral("shardCheckAgain"));
    m_prepareButton->setObjectName(QStringLiteral("shardPrepare"));
    m_prepareButton->setToolTip(tr("Show the SQL that fixes what failed, then run it on the primary if you agree."));
    m_prepareButton->setEnabled(false);

    QDialogButtonBox* close = DialogParts::buttons(this, QDialogButtonBox::Close);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_checks, 1);
    layout->addLayout(DialogParts::wideRow(m_summary, {m_checkButton, m_prepareButton}));
    layout->addWidget(close);
    // Wide enough for a check and its fix side by side, never wider or taller than the screen
    // (1024x700 included): the table wraps and scrolls instead.
    const QScreen* screen = parent ? parent->screen() : QGuiApplication::primaryScreen();
    resize(QSize(1100, 560).boundedTo(screen->availableGeometry().size() * 0.92));

    connect(m_checkButton, &QPushButton::clicked, this, &ShardCheckDialog::check);
    connect(m_prepareButton, &QPushButton::clicked, this, &ShardCheckDialog::prepare);
    connect(session(), &PgSession::busyChanged, this, [this](bool busy) {
        m_checkButton->setEnabled(!busy);
        m_prepareButton->setEnabled(!busy && !ShardPreparer::plan(m_report).isEmpty());
    });
    check();
}

void ShardCheckDialog::check()
{
    m_summary->setText(tr("Checking every endpoint (at most %1 s each)…").arg(ShardChecker::EndpointTimeoutSeconds));
    const ConnectionParams catalog = this->catalog();
    const QString shard = m_shard;
    session()->run<ShardCheckReport>(
        [catalog, shard](PgConnection& c) { return ShardChecker(catalog).check(c, shard); }, this,
        [this](Outcome<ShardCheckReport> result) {
            if (!result.ok())
                m_summary->setText(result.error->text());
            else
                showReport(*result.value);
            emit finished();
        });
}

void ShardCheckDialog::showReport(const ShardCheckReport& report)
{
    m_report = report;
    m_checks->setRowCount(int(report.items.size()));
    for (int row = 0; row < report.items.size(); ++row) {
        const ShardCheckItem& item = report.items[row];
        const QString what = item.detail.isEmpty() ? item.what : item.what + QLatin1String(": ") + item.detail;
        const QStringList cells{item.ok ? tr("ok") : tr("FAILED"), item.endpoint, what, item.fix};
        for (int column = 0; column < ColumnCount; ++column) {
            auto* cell = new QTableWidgetItem(cells[column]);
            cell->setToolTip(cells[column]); // the whole text, when the row is cut short
            if (!item.ok) {
                // A failure reads as one: the health scale's "down", as the dashboard shows it.
                const QColor down = HealthColors::of(HealthState::Down);
                cell->setForeground(down);
                cell->setBackground(QColor(down.red(), down.green(), down.blue(), 28));
            }
            m_checks->setItem(row, column, cell);
        }
    }
    m_checks->resizeRowsToContents();
    const int prepared = int(ShardPreparer::plan(report).size());
    const QString failed = tr("%1 of %2 checks failed").arg(report.failures()).arg(report.items.size());
    m_summary->setText(report.ok()    ? tr("All %1 checks passed.").arg(report.items.size())
                       : prepared > 0 ? tr("%1; Prepare can run %2 of the fixes.").arg(failed).arg(prepared)
                                      : tr("%1; their fixes are for you to make (a password, a passfile line, "
                                           "pg_hba.conf or a superuser).")
                                            .arg(failed));
    m_prepareButton->setEnabled(prepared > 0 && !isRunning());
}

void ShardCheckDialog::prepare()
{
    const QList<PrepareStep> steps = ShardPreparer::plan(m_report);
    QStringList sql;
    for (const PrepareStep& step : steps)
        sql.append(QStringLiteral("-- %1\n%2").arg(step.what, step.sql));
    m_prompts.ask(
        this, tr("Prepare Shard %1").arg(m_shard),
        tr("Run this SQL on the primary as %1?\n\n%2").arg(m_report.roles.admin, sql.join(QLatin1String("\n\n"))),
        tr("Run"), [this, steps](bool accepted) {
            if (!accepted)
                return;
            m_summary->setText(tr("Preparing…"));
            const ConnectionParams catalog = this->catalog();
            const QString shard = m_shard;
            const FleetRoles roles = m_report.roles;
            session()->run<QList<PrepareStep>>(
                [catalog, shard, roles, steps](PgConnection& c) {
                    const ShardChecker checker(catalog);
                    return ShardPreparer(checker).apply(c, FleetListing::shard(c, shard), roles, steps);
                },
                this,
                [this](Outcome<QList<PrepareStep>> result) {
                    QStringList refused;
                    if (result.ok()) {
                        for (const PrepareStep& step : *result.value) {
                            if (step.result == PrepareStep::Result::Refused)
                                refused.append(step.sql + QLatin1String("\n  ") + step.error);
                        }
                    }
                    if (!result.ok())
                        m_prompts.inform(this, tr("Prepare failed"), result.error->text());
                    else if (!refused.isEmpty())
                        m_prompts.inform(this, tr("Some fixes were not applied"),
                                         tr("These were refused, or granted nothing; each says why and who may "
                                            "run it:\n\n%1")
                                             .arg(refused.join(u'\n')));
                    check();
                });
        });
}
