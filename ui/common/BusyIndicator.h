#pragma once

#include <QTimer>
#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;

// A status bar item for work on the server: hidden for the first second (most queries finish
// sooner and a flashing bar is noise), then a moving bar, what is running, and a Cancel button.
class BusyIndicator : public QWidget {
    Q_OBJECT
public:
    explicit BusyIndicator(QWidget* parent = nullptr);

    // While busy, the indicator appears after delayMs unless setIdle() comes first.
    void setBusy(const QString& what, int delayMs = 1000);
    void setIdle();

signals:
    void cancelRequested();

private:
    QTimer m_delay;
    QProgressBar* m_bar;
    QLabel* m_label;
    QPushButton* m_cancel;
};
