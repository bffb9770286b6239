#pragma once

#include "fleetadmin/ShardCheck.h"
#include "ui/common/SessionDialog.h"

class QLabel;
class QPushButton;
class QTableWidget;
class UserPrompts;

// "Check Shard…": a row per check of ShardChecker (ok or failed, what, the fix), run on a session
// of its own, and Prepare…, which shows the SQL ShardPreparer would run, asks, runs it and checks
// again.
class ShardCheckDialog : public SessionDialog {
    Q_OBJECT
public:
    enum Column { ResultColumn, EndpointColumn, WhatColumn, FixColumn, ColumnCount };

    ShardCheckDialog(const ConnectionParams& catalog, const QString& shard, UserPrompts& prompts,
                     QWidget* parent = nullptr);

    void check();

signals:
    // A check (or a prepare and its check) finished.
    void finished();

private:
    void showReport(const ShardCheckReport& report);
    void prepare();

    QString m_shard;
    UserPrompts& m_prompts;
    QTableWidget* m_checks;
    QLabel* m_summary;
    QPushButton* m_checkButton;
    QPushButton* m_prepareButton;
    ShardCheckReport m_report;
};
