package dev.fireline.communicate.slack;

/**
 * The contract between the messages Fireline posts (buttons, modals) and the api's handler of what
 * Slack sends back: an {@code action_id} or {@code callback_id} names what to do, the button's
 * {@code value} or the modal's {@code private_metadata} names the incident (its key, INC-...).
 */
public final class SlackActions {
  public static final String ACKNOWLEDGE = "incident_acknowledge";
  public static final String ESCALATE = "incident_escalate";
  public static final String RESOLVE = "incident_resolve";

  /** Opens {@link #UPDATE_MODAL}. */
  public static final String POST_UPDATE = "incident_post_update";

  /**
   * Modal: block {@code status} (static_select investigating|identified|monitoring), block {@code
   * message} (plain_text_input), block {@code public} (checkboxes, option value "public").
   */
  public static final String UPDATE_MODAL = "incident_update_modal";

  /**
   * Modal of {@code /incident declare}: blocks {@code service}, {@code severity}, {@code
   * description}; the title travels in {@code private_metadata}.
   */
  public static final String DECLARE_MODAL = "incident_declare_modal";

  /** Message shortcut: adds the message it was used on to the incident's timeline. */
  public static final String ADD_TO_TIMELINE = "incident_add_to_timeline";

  /**
   * Event metadata type on every message Fireline posts; its payload carries the idempotency key,
   * so a retried post first looks for a message with that key and never posts twice.
   */
  public static final String METADATA_EVENT_TYPE = "fireline_message";

  private SlackActions() {}
}
