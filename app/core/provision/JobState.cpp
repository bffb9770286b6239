#include "provision/JobState.h"

#include "base/EnumNames.h"

QString jobStateName(JobState state, QLatin1StringView done)
{
    static constexpr EnumNames<JobState, JobState::Unconfirmed> names{"pending", "running", "done",
                                                                      "skipped", "failed",  "unconfirmed"};
    return state == JobState::Done ? QString(done) : names(state);
}
