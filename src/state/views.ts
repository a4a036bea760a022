/** The app's views (defined with the address settings, which name them). */
export { DEFAULT_VIEW, isViewId, VIEW_IDS, VIEW_PARAM, type ViewId } from '../address/viewParam';
