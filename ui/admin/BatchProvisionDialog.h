#pragma once

#include "pg/CancelToken.h"
#include "pg/ConnectionParams.h"
#include "pg/JobError.h"

#include <QDialog>
#include <optional>

class BatchProvisioner;
class BatchRowModel;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableView;
class UserPrompts;

// Many tenants from a CSV file: pick the file, see its rows, start; each row shows its state as
// BatchProvisioner (one session per shard, on its ParallelRunner) reports it, queued to the GUI
// thread: one small model update per change, a few dozen per second.
// Cancel lets the tenants in progress finish, then stops; Resume goes on with what is left and
// retries what failed. Closing while running cancels first and closes when the workers stop.
class BatchProvisionDialog : public QDialog {
    Q_OBJECT
public:
    // prompts: asks for the CSV file and shows errors (tests pass scripted ones).
    BatchProvisionDialog(const ConnectionParams& catalog, UserPrompts& prompts, QWidget* parent = nullptr);
    ~BatchProvisionDialog() override;

    BatchRowModel* model() const { return m_model; }
    bool isRunning() const { return m_run != nullptr; }
    // Reads the rows of a CSV file (what the file button does after the user chose one).
    bool loadFile(const QString& path);
    void start();
    void cancel();

signals:
    // Once per run that created at least one tenant, when it ends: time to refresh the tenant list.
    void tenantsCreated(int count);
    void finished();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void chooseFile();
    void runFinished(const std::optional<JobError>& error);
    void updateCounts();

    ConnectionParams m_catalog;
    UserPrompts& m_prompts;
    BatchRowModel* m_model;
    QTableView* m_table;
    QLabel* m_file;
    QLabel* m_summary;
    QProgressBar* m_progress;
    QSpinBox* m_sessions;
    QPushButton* m_choose;
    QPushButton* m_start;
    QPushButton* m_cancel;
    QPushButton* m_close;
    BatchProvisioner* m_run = nullptr;
    CancelToken m_cancelRun;
    bool m_closeWhenStopped = false;
    int m_createdBefore = 0;
};
