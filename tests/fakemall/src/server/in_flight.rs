//! One request between its arrival and its answer.

use crate::faults::Fault;
use crate::mall::MallKind;
use crate::recorder::RecordedRequest;

use super::MallContext;

/// The record of one request on its way through the layer. It is in the mall's
/// [`Recorder`](crate::recorder::Recorder) from the start; once the answer is known
/// ([`finish`](Self::finish)) its status is noted there and the request is written to the
/// record file, if the mall has one. Dropped unfinished (the client went away, the server
/// stopped), it is finished without a status.
pub(super) struct InFlight {
    ctx: MallContext,
    kind: MallKind,
    request: RecordedRequest,
    finished: bool,
}

impl InFlight {
    /// Records `request` (its `seq` is assigned here).
    pub fn start(ctx: &MallContext, kind: MallKind, mut request: RecordedRequest) -> Self {
        request.seq = ctx.recorder.push(request.clone());
        Self {
            ctx: ctx.clone(),
            kind,
            request,
            finished: false,
        }
    }

    /// Notes the transport fault injected into this request.
    pub fn set_fault(&mut self, fault: &Fault) {
        self.request.fault = Some(fault.clone());
        let f = fault.clone();
        self.ctx
            .recorder
            .update(self.request.seq, |r| r.fault = Some(f));
    }

    /// Notes the status answered (`None`: no answer) and writes the record line; only the
    /// first call counts.
    pub fn finish(&mut self, status: Option<u16>) {
        if self.finished {
            return;
        }
        self.finished = true;
        self.request.status = status;
        self.ctx
            .recorder
            .update(self.request.seq, |r| r.status = status);
        if let Some(sink) = &self.ctx.record_sink {
            sink.write(self.kind, &self.request);
        }
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        self.finish(None);
    }
}
