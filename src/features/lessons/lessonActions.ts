/** What the keyboard can ask of the lesson on screen (the lesson's body registers it with the view). */
export interface LessonActions {
  readonly run: () => void;
}
