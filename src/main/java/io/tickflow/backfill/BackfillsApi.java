package io.tickflow.backfill;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.tickflow.api.ApiException;
import io.tickflow.event.EventTime;
import org.apache.camel.Exchange;

/** /api/backfills: start a job (202 and its id), its progress, cancel it. */
public class BackfillsApi {

    private BackfillRequests backfillRequests;
    private JobStore jobStore;
    private JobRunner jobRunner;

    public Map<String, Object> create(Exchange exchange) throws Exception {
        BackfillRequest request = backfillRequests.parse(exchange.getMessage().getBody(String.class));
        // two jobs on one symbol would move one checkpoint back and forth
        Optional<BackfillJob> running = jobStore.unfinished(request.exchange(), request.interval(), request.symbols());
        if (running.isPresent()) {
            throw new ApiException(409, "conflict", "symbols", "Backfill " + running.get().id() + " of " + running.get().symbols()
                    + " " + request.interval() + " on " + request.exchange() + " is " + running.get().state()
                    + "; wait for it or cancel it (DELETE /api/backfills/" + running.get().id() + ")");
        }
        BackfillJob job = jobStore.create(request.exchange(), request.symbols(), request.interval(), request.from(), request.to());
        jobRunner.submit(job);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 202);
        exchange.getMessage().setHeader("Location", "/api/backfills/" + job.id());
        return view(job, Optional.empty());
    }

    public Map<String, Object> get(Exchange exchange) throws Exception {
        BackfillJob job = existing(exchange);
        return view(job, job.finished() ? Optional.empty() : jobRunner.progress(job.id()));
    }

    public Map<String, Object> cancel(Exchange exchange) throws Exception {
        BackfillJob job = existing(exchange);
        jobRunner.cancel(job.id());
        return view(jobStore.find(job.id()).orElse(job), Optional.empty());
    }

    private BackfillJob existing(Exchange exchange) throws Exception {
        String id = exchange.getMessage().getHeader("id", String.class);
        return jobStore.find(id).orElseThrow(() -> ApiException.notFound("No backfill " + id));
    }

    /** The job as stored, with this instance's live counters, rate and ETA while it runs here. */
    static Map<String, Object> view(BackfillJob job, Optional<JobProgress> live) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", job.id());
        v.put("exchange", job.exchange());
        v.put("symbols", job.symbols());
        v.put("interval", job.interval());
        v.put("from", EventTime.format(job.from()));
        v.put("to", EventTime.format(job.to()));
        v.put("state", job.state());
        v.put("pagesDone", live.map(JobProgress::pagesDone).orElse(job.pagesDone()));
        v.put("pagesTotal", live.map(JobProgress::pagesTotal).filter(t -> t > 0).orElse(job.pagesTotal()));
        v.put("rows", live.map(JobProgress::rows).orElse(job.rows()));
        v.put("errors", live.map(JobProgress::errors).orElse(job.errors()));
        v.put("pagesPerSecond", live.map(p -> Math.round(p.pagesPerSecond() * 100) / 100.0).orElse(null));
        v.put("etaSeconds", live.map(JobProgress::etaSeconds).filter(s -> s >= 0).orElse(null));
        v.put("createdAt", EventTime.format(job.createdAt()));
        v.put("updatedAt", EventTime.format(job.updatedAt()));
        return v;
    }

    public void setBackfillRequests(BackfillRequests backfillRequests) {
        this.backfillRequests = backfillRequests;
    }

    public void setJobStore(JobStore jobStore) {
        this.jobStore = jobStore;
    }

    public void setJobRunner(JobRunner jobRunner) {
        this.jobRunner = jobRunner;
    }
}
