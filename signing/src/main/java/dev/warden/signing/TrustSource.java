package dev.warden.signing;

/** Where a trusted publisher comes from: the admin's system folder or the person's own. */
public enum TrustSource { SYSTEM, USER }
