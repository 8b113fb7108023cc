package io.vigil.engine.limits;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Checks a cap in the transaction that creates the object, so it holds across every instance on one database: a
 * transaction-scoped advisory lock per limit (and owner) makes concurrent creations count one after another, each
 * seeing the ones committed before it, and the lock ends with the transaction that inserts.
 */
@ApplicationScoped
public class CreationLimits {

    @Inject
    EntityManager entityManager;

    @Inject
    LimitSettings settings;

    /**
     * Refuses when {@code limit} is reached; called inside the creating transaction, before the insert.
     *
     * @param ownerId the user who will own the new object, for a {@linkplain Limit#perUser() per-user} limit; ignored
     *     otherwise
     * @throws LimitReachedException when the cap is reached
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void admitOne(Limit limit, long ownerId) {
        int cap = limit.cap(settings);
        String lock = limit.key() + (limit.perUser() ? ":" + ownerId : "");
        entityManager
                .createNativeQuery("select 1 from (select pg_advisory_xact_lock(hashtextextended(?1, 0))) locked")
                .setParameter(1, lock)
                .getSingleResult();
        var count = entityManager.createNativeQuery(limit.countQuery());
        if (limit.perUser()) {
            count.setParameter(1, ownerId);
        }
        long held = ((Number) count.getSingleResult()).longValue();
        if (held >= cap) {
            throw new LimitReachedException(limit, cap);
        }
    }

    /**
     * Refuses when the team's {@code limit} is reached, or the creator's share of it; called inside the creating
     * transaction, before the insert. The team's lock is always taken before the creator's, so two creations never
     * wait on each other's locks.
     *
     * @param creatorId the user making the object, or {@code null} when nobody is recorded (the seeds source made at
     *     start-up): then only the team's cap applies
     * @throws LimitReachedException naming the cap reached, the team's first
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void admitOneFor(Limit limit, Long creatorId) {
        if (limit.perUser()) {
            throw new IllegalArgumentException(limit + " is a per-user limit; call admitOne with its owner");
        }
        admitOne(limit, 0);
        if (creatorId != null) {
            limit.shareOf().ifPresent(share -> admitOne(share, creatorId));
        }
    }

    /** The configured caps. */
    public LimitSettings settings() {
        return settings;
    }
}
